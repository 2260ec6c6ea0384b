/**
 * The smart exam room (智能化考场): candidates' attempts over socket.io with a server-owned clock and
 * acknowledged saves, the proctor's live room and actions, the supervisor's read-only view, and the
 * room incident sheet. Public face of `server/exam-room/`.
 */
export { registerRoomHandlers, socketActor } from './socket-handlers';
export { roomHttp } from './http-routes';
export { roomRuntime, RoomRuntime, rooms } from './runtime';
export { AnswerWriter, isAnswered, type SaveOutcome, type SaveRequest } from './answer-writer';
export { sweep, closeOverdueAttempts, openScheduledRooms, closeFinishedRooms } from './sweeper';
export { roomStateOf, loadRoomState, type RoomState, type RoomStatus } from './room-state';
export { incidentSheetData, incidentSheetPdf } from './incident-sheet';
export { sebHash, sebUrl, verifySeb, parseSebConfig, sebPass, checkSebPass, type SebConfig } from './seb';
export * as roomClock from './clock';
export { RoomRefused } from './errors';
export { loadPaper, buildLoadedPaper, type LoadedPaper } from './paper-cache';
export { roomAccess, visibleRooms } from './access';
