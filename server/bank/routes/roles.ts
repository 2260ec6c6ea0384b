import type { Role } from '../../db/schema';

/** Who reads the bank, papers and ledger: the exam office and the internal quality supervisor (read only). */
export const READERS: Role[] = ['admin', 'supervisor'];

/** Who changes anything in the bank: the exam office (考务管理员) only. */
export const WRITERS: Role[] = ['admin'];
