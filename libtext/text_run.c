/* text_run: see text_run.h. */
#include "text_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text_err.h"
#include "text_io.h"

char *txt_run_self_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return txt_xstrdup(buf);
}

int txt_run(const char *dir, const char *const *argv)
{
	size_t n = strlen(dir) + strlen(argv[0]) + 2;
	char *path = txt_xmalloc(n);
	snprintf(path, n, "%s/%s", dir, argv[0]);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		free(path);
		return txt_err_set("cannot run %s: %s", argv[0], strerror(errno));
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd >= 0 && fd != STDIN_FILENO) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
		execv(path, (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	free(path);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return txt_err_set("%s: %s", argv[0], strerror(errno));
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st))
		return txt_err_set("%s was killed by signal %d", argv[0], WTERMSIG(st));
	return txt_err_set("%s exited %d", argv[0], WEXITSTATUS(st));
}

static int plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,+%@-", *s))
			return 0;
	return 1;
}

char *txt_run_quote(const char *const *argv)
{
	txt_buf b = {0};
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			txt_buf_add(&b, " ", 1);
		if (plain(argv[i])) {
			txt_buf_add(&b, argv[i], strlen(argv[i]));
			continue;
		}
		txt_buf_add(&b, "'", 1);
		for (const char *p = argv[i]; *p; p++)
			if (*p == '\'')
				txt_buf_add(&b, "'\\''", 4);
			else
				txt_buf_add(&b, p, 1);
		txt_buf_add(&b, "'", 1);
	}
	txt_buf_add(&b, "", 1);
	return b.s;
}
