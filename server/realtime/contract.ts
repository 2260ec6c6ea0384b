/**
 * The typed socket.io contract shared by server and client (the client imports these types only).
 * Event names are `area:verb`. Every client→server event takes an ack `(result: Result<T>) => void`.
 */

/** Ack payload of every client→server event. `code` is a stable error code, `message` Chinese. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type Ack<T> = (result: Result<T>) => void;

/** Server → client events. Feature modules extend this map (exam room, proctoring). */
export interface ServerToClientEvents {
  'system:notice': (payload: { message: string; at: string }) => void;
}

/** Client → server events. */
export interface ClientToServerEvents {
  'clock:sync': (payload: { clientSentAt: number }, ack: Ack<{ serverNow: number }>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** What the server knows about a connected socket after `io.use` authentication. */
export interface SocketData {
  actorId: string;
  role: string;
  userId: number | null;
  candidateId: number | null;
  seatAssignmentId: number | null;
  organizationId: number | null;
  name: string;
  ip: string;
}
