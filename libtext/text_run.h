/* text_run: run a sibling slant tool (one found next to the running
 * program) as a stage of a larger tool, without a shell: arguments go to
 * execv as they are, so no data value is ever parsed as shell syntax.
 *
 * Ownership: txt_run_self_dir and txt_run_quote return malloc'd strings,
 * the caller frees them. */
#ifndef TEXT_RUN_H
#define TEXT_RUN_H

/* The directory holding the running program (/proc/self/exe), or NULL. */
char *txt_run_self_dir(void);

/* Run dir/argv[0] with argv (NULL-terminated) and wait for it; its
 * standard error is the caller's, standard input is /dev/null.  0 when it
 * exits 0; -1 with txt_err() set ("slant-x exited 1", "... killed by
 * signal 9", "cannot run ...") otherwise. */
int txt_run(const char *dir, const char *const *argv);

/* argv as a line a POSIX shell reads back as the same words (words with
 * anything but [A-Za-z0-9_./:=,+%@-] in single quotes). */
char *txt_run_quote(const char *const *argv);

#endif
