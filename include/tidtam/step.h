/*
 * step.h - durable steps, and the crash and fault hooks the tests use.
 *
 * A durable step is a change that outlives the process: a transaction
 * committed to the database (db.c, through SQLite's commit hook, so every
 * commit is one, a statement's own included), a written file renamed into
 * place (tt_rename_into_place() in util.c) or a file removed
 * (tt_remove_file()).  Each calls step_take() just before it takes effect,
 * so a process that dies there leaves the steps before it done and this
 * one not.  Writes, fsyncs and renames, ours and SQLite's (db.c wraps its
 * file system when a fault is asked for), ask step_fault() first.
 *
 * Nothing happens unless the environment asks; it is read once, on the
 * first call, and when nothing is set every call costs a test of a flag:
 *
 *   TIDTAM_CRASH_AT=POINT[,POINT…]  the process kills itself (SIGKILL) just
 *       before the step POINT names: N, the N-th step of the process (from
 *       1), or STAGE:K, the K-th step since step_stage(STAGE); "all" is
 *       every step.
 *   TIDTAM_CRASH_SIGNAL=STOP  it stops itself (SIGSTOP) there instead, so
 *       that a test can copy what is on disk, exactly what a kill would
 *       leave, and let it go on (SIGCONT).
 *   TIDTAM_CRASH_STEPS=FILE  each step is appended to FILE as a line
 *       "N<TAB>STAGE<TAB>K<TAB>KIND<TAB>PATH" (KIND commit, rename or
 *       remove): the steps a run has, and where each stage's begin.
 *   TIDTAM_FAULT=OP@POINT[,…]  from the operation POINT names on (counted
 *       per OP as steps are), every OP fails.  Of the files under output/:
 *       enospc, eio, erofs (a write, or the creation of the temporary file,
 *       fails with ENOSPC, EIO, EROFS), fsync (an fsync, or the flush of
 *       a batch or of the output's file system, fails with EIO),
 *       rename (a rename fails with EIO);
 *       of the database and its WAL: db-enospc, db-eio (a write fails with
 *       SQLITE_FULL, SQLITE_IOERR_WRITE), db-fsync (SQLITE_IOERR_FSYNC);
 *       of the input files: read-eio, read-eacces (a read fails with EIO,
 *       EACCES).
 *       A disk that is full stays full.
 *
 * The counters are the one mutable state the library keeps; the programs
 * are single-threaded.
 */
#ifndef TIDTAM_STEP_H
#define TIDTAM_STEP_H

enum step_op {
	STEP_OP_WRITE,      /* of a file under output/ */
	STEP_OP_FSYNC,
	STEP_OP_RENAME,
	STEP_OP_DB_WRITE,   /* of the database or its WAL */
	STEP_OP_DB_FSYNC,
	STEP_OP_READ,       /* of an input file */
	STEP_NR_OPS
};

/*
 * The steps and operations from now on belong to stage (a short name:
 * "ingest", "receipts", "index", …): TIDTAM_CRASH_AT and TIDTAM_FAULT count
 * STAGE:K from here.  Called by the programs as each stage begins.
 */
void step_stage(const char *stage);

/*
 * A durable step of kind ("commit", "rename", "remove") on path is about to
 * take effect.  Returns at once unless TIDTAM_CRASH_AT or
 * TIDTAM_CRASH_STEPS is set; may not return (TIDTAM_CRASH_AT).
 */
void step_take(const char *kind, const char *path);

/*
 * 0 if the operation op is to go ahead, or the errno it is to fail with
 * (TIDTAM_FAULT).  Counts op.
 */
int step_fault(enum step_op op);

/* 1 if TIDTAM_FAULT asks for faults at all (db.c then wraps SQLite's I/O). */
int step_faults_wanted(void);

/* 1 if TIDTAM_CRASH_AT or TIDTAM_CRASH_STEPS is set (db.c then hooks commits). */
int step_steps_wanted(void);

#endif
