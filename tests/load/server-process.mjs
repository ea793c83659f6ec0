// The fault server in its own process, so the load run's heap and CPU are the client's alone.
// Parent → child: { plan }. Child → parent: { url } once listening, { requests } when asked.
import { startFaultServer } from '../faults/server.ts';

const server = await startFaultServer();
process.on('message', async (message) => {
	if (message.plan) {
		server.plan(...message.plan);
		process.send({ planned: message.plan.length });
	}
	if (message.report) process.send({ requests: server.requests.length });
	if (message.close) {
		await server.close();
		process.disconnect();
	}
});
process.send({ url: server.url });
