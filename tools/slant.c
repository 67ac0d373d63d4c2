/* slant: the dispatcher.  `slant NAME ARGS` runs slant-NAME, looked up next
 * to this binary first, then on PATH; `slant help` lists the tools found. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_run.h"

static const char *help_text =
	"Usage: slant NAME [ARG]...\n"
	"Run the slant tool slant-NAME with the ARGs.\n"
	"\n"
	"  slant help        list the tools found, one line each\n"
	"  slant --help      show this help\n"
	"  slant --version   show the version\n"
	"\n"
	"Tools are looked up next to the slant binary first, then on PATH.\n"
	"See slant(1).\n";

/* One line per tool when its --help cannot be read. */
static const struct {
	const char *name, *what;
} known[] = {
	{"docs", "ingest documents with metadata into the docs format"},
	{"clean", "strip web boilerplate from documents"},
	{"split", "split documents into sentences or paragraphs"},
	{"count", "term and n-gram frequencies per document, source, label or all"},
	{"merge", "sum count shards"},
	{"table", "top terms, frequencies, tf-idf as a report table"},
	{"keyness", "distinctive terms of each source"},
	{"frame", "per-source frame scores with confidence intervals"},
	{"colloc", "multi-word expressions scored: count, lambda, z, PMI, G2, t, Dice"},
	{"docstats", "lexical diversity and readability per document or group"},
	{"scale", "positions on one dimension: Wordscores, Wordfish"},
	{"stance", "train, apply and evaluate stance classifiers"},
	{"kwic", "keyword in context"},
	{"plot", "SVG charts from report tables"},
	{"report", "a web page report on a docs file, grouped by a column"},
};

static int is_exec(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = txt_xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Full path of slant-NAME, or NULL. */
static char *find_tool(const char *name)
{
	size_t n = strlen(name) + 7;
	char *file = txt_xmalloc(n);
	snprintf(file, n, "slant-%s", name);
	char *dir = txt_run_self_dir(), *hit = NULL;
	if (dir) {
		hit = join(dir, file);
		free(dir);
		if (!is_exec(hit)) {
			free(hit);
			hit = NULL;
		}
	}
	const char *path = getenv("PATH");
	char *copy = txt_xstrdup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *save, *d = strtok_r(copy, ":", &save); d && !hit;
	     d = strtok_r(NULL, ":", &save)) {
		char *p = join(*d ? d : ".", file);
		if (is_exec(p))
			hit = p;
		else
			free(p);
	}
	free(copy);
	free(file);
	return hit;
}

/* The first sentence of a --help text's first paragraph after its usage
 * lines ("Usage: ..." and "  or: ..."), lines joined: it ends at a full
 * stop followed by a space or the paragraph's end, outside parentheses. */
static void first_sentence(char *text, char *out, size_t n)
{
	char *p = text;
	while (*p && (strncmp(p, "Usage:", 6) == 0 || strncmp(p + strspn(p, " "), "or:", 3) == 0)) {
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	size_t k = 0;
	int depth = 0;
	for (; *p && k + 1 < n; p++) {
		if (*p == '\n' && p[1] == '\n')
			break;
		char c = *p == '\n' ? ' ' : *p;
		if (c == ' ' && k && out[k - 1] == ' ')
			continue;
		out[k++] = c;
		depth += (c == '(') - (c == ')' && depth > 0);
		if (c == '.' && depth == 0 && (p[1] == ' ' || p[1] == '\n' || !p[1]))
			break;
	}
	out[k] = '\0';
}

/* A tool's first sentence, from its --help. */
static void describe(const char *path, char *out, size_t n)
{
	out[0] = '\0';
	int fd[2];
	if (pipe(fd) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(path, path, "--help", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char text[4096];
	size_t len = 0;
	ssize_t r;
	while (len + 1 < sizeof text && (r = read(fd[0], text + len, sizeof text - 1 - len)) > 0)
		len += (size_t)r;
	text[len] = '\0';
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	first_sentence(text, out, n);
}

/* "  NAME       WHAT", WHAT wrapped at 79 columns under itself. */
static void print_entry(const char *name, const char *what)
{
	int col = printf("  %-10s ", name);
	const int indent = col;
	while (*what) {
		size_t w = strcspn(what, " ");
		if (col > indent && col + 1 + (int)w > 79) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		col += printf("%.*s", (int)w, what);
		what += w;
		what += strspn(what, " ");
	}
	putchar('\n');
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tool names found next to the binary and on PATH, sorted, unique. */
static size_t list_tools(char ***names)
{
	size_t n = 0;
	char *dir = txt_run_self_dir();
	const char *path = getenv("PATH");
	size_t len = (dir ? strlen(dir) : 0) + (path ? strlen(path) : 0) + 2;
	char *dirs = txt_xmalloc(len);
	snprintf(dirs, len, "%s:%s", dir ? dir : "", path ? path : "");
	free(dir);
	*names = NULL;
	for (char *save, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		DIR *dp = opendir(d);
		struct dirent *e;
		while (dp && (e = readdir(dp))) {
			if (strncmp(e->d_name, "slant-", 6) != 0 || !e->d_name[6])
				continue;
			char *p = join(d, e->d_name);
			int ok = is_exec(p);
			free(p);
			if (!ok)
				continue;
			*names = txt_xreallocarray(*names, n + 1, sizeof **names);
			(*names)[n++] = txt_xstrdup(e->d_name + 6);
		}
		if (dp)
			closedir(dp);
	}
	free(dirs);
	if (n)
		qsort(*names, n, sizeof **names, cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u && strcmp((*names)[u - 1], (*names)[i]) == 0)
			free((*names)[i]);
		else
			(*names)[u++] = (*names)[i];
	}
	return u;
}

static int help_list(void)
{
	char **names;
	size_t n = list_tools(&names);
	printf("slant tools (run 'slant NAME --help' for each):\n");
	for (size_t i = 0; i < n; i++) {
		char what[512] = "";
		char *p = find_tool(names[i]);
		if (p)
			describe(p, what, sizeof what);
		free(p);
		for (size_t k = 0; !what[0] && k < sizeof known / sizeof known[0]; k++)
			if (strcmp(known[k].name, names[i]) == 0)
				snprintf(what, sizeof what, "%s", known[k].what);
		print_entry(names[i], what);
		free(names[i]);
	}
	free(names);
	if (n == 0)
		printf("  (none found next to slant or on PATH)\n");
	txt_cli_close_stdout();
	return 0;
}

int main(int argc, char **argv)
{
	txt_cli_init("slant");
	if (argc < 2)
		txt_usage("no tool name given");
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		txt_cli_help(help_text);
	if (strcmp(name, "--version") == 0)
		txt_cli_version();
	if (strcmp(name, "help") == 0 && argc == 2)
		return help_list();
	int help_of = strcmp(name, "help") == 0; /* slant help NAME: NAME --help */
	if (help_of)
		name = argv[2];
	if (name[0] == '-' || strchr(name, '/'))
		txt_usage("'%s' is not a tool name", name);
	static char *path; /* reachable if exec fails and we die */
	path = find_tool(name);
	if (!path) {
		fprintf(stderr, "slant: no tool 'slant-%s' (run 'slant help' for the list)\n", name);
		return 2;
	}
	argv[1] = path;
	if (help_of)
		execl(path, path, "--help", (char *)NULL);
	else
		execv(path, argv + 1);
	txt_die("%s: %s", path, strerror(errno));
}
