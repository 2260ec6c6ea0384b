import type { DemoSeeder } from './seed';

/**
 * Demo data of the smart exam room: proctor1 and proctor2 watch the demo room of the demo theory
 * sitting, so a proctor sees the room right after `npm start`. Nothing else is seeded until a paper
 * was released into the sitting (the candidate's attempt is created when they log in).
 */
export const roomDemo: DemoSeeder = async (trx, ctx) => {
  for (const username of ['proctor1', 'proctor2']) {
    const userId = ctx.users[username];
    if (userId === undefined) continue;
    const existing = await trx
      .selectFrom('staff_assignments')
      .select('id')
      .where('user_id', '=', userId)
      .where('duty', '=', 'proctor')
      .where('room_id', '=', ctx.roomId)
      .where((eb) => eb.or([eb('sitting_id', '=', ctx.theorySittingId), eb('sitting_id', 'is', null)]))
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('staff_assignments')
        .values({ batch_id: ctx.batchId, user_id: userId, duty: 'proctor', sitting_id: ctx.theorySittingId, room_id: ctx.roomId, group_name: null })
        .execute();
    }
  }
};
