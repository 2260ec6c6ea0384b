/** Vitest global setup: nothing shared yet; browser tests build the client themselves when needed. */
export default function setup(): void {}
