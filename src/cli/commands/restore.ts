import { backupOrRestore } from './backup.ts';

export { help } from './backup.ts';
export const run = (argv: string[]) => backupOrRestore(argv, 'restore');
