// One subject, run by bench/instructions.mjs under valgrind: `warm` iterations, then `n` more, then
// a full collection, so that both runs of a subject leave no garbage behind uncounted. Two runs that
// differ only in `n` differ only in what those extra iterations cost, their garbage collection
// included.
import { makeSubjects } from './subjects.mjs';

const [name, warm, n, base] = process.argv.slice(2);
const subject = makeSubjects(base)[name];
let failures = 0;
for (let i = 0; i < Number(warm) + Number(n); i++) if (!(await subject())) failures++;
globalThis.gc?.();
if (failures) {
	console.error(`${name}: ${failures} failed iterations`);
	process.exit(1);
}
