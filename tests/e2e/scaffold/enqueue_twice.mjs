// Delivers one job id to a generated service's worker more than once, through BullMQ
// itself, and reports what the worker made of each delivery. Copied into the service's
// folder and run there with node, so that bullmq and ioredis resolve from its
// node_modules.
//
//   node enqueue_twice.mjs REDIS_URL PREFIX QUEUE JOB_ID ITEM_ID
//
// 1. waits for JOB_ID (enqueued by the API's create) to complete;
// 2. adds JOB_ID twice more while it exists: BullMQ must ignore both;
// 3. removes it and adds it once more (a redelivery BullMQ cannot see): the worker
//    must skip it as already processed.
// Prints {"first": ..., "readded": ..., "redelivered": ...}: the jobs' return values.
import { Queue } from "bullmq";
import { Redis } from "ioredis";

const [redisUrl, prefix, queueName, jobId, itemId] = process.argv.slice(2);
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queue = new Queue(queueName, { connection, prefix });

async function finished(id, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : "missing";
    if (state === "completed") return job;
    if (state === "failed") throw new Error(`job ${id} failed: ${job.failedReason}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not complete within ${timeoutMs} ms`);
}

const data = { itemId, name: "e2e widget" };
try {
  const first = await finished(jobId);
  await queue.add("item.created", data, { jobId });
  await queue.add("item.created", data, { jobId });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const again = await finished(jobId);
  const readded = again.finishedOn === first.finishedOn ? "ignored" : `ran again (${again.returnvalue})`;
  await queue.remove(jobId);
  await queue.add("item.created", data, { jobId });
  const redelivered = await finished(jobId);
  process.stdout.write(
    JSON.stringify({ first: first.returnvalue, readded, redelivered: redelivered.returnvalue }) + "\n",
  );
} finally {
  await queue.close();
  await connection.quit();
}
