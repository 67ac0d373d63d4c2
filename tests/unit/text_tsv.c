/* Unit tests for text_tsv: splitting, escapes, tables. */
#include <unistd.h>

#include "harness.h"
#include "text_err.h"
#include "text_map.h"
#include "text_tsv.h"

static char tmpl[] = "/tmp/slant-tsv-XXXXXX";

static const char *file_with(const char *data)
{
	static char p[64];
	snprintf(p, sizeof p, "%s", tmpl);
	int fd = mkstemp(p);
	if (write(fd, data, strlen(data)) < 0)
		perror("write");
	close(fd);
	return p;
}

TEST(split_fields)
{
	char line[] = "a\t\tbc\t";
	txt_row row = {0};
	txt_tsv_split(line, strlen(line), &row);
	CHECK(row.n == 4);
	CHECK(row.f[0].len == 1 && row.f[1].len == 0 && row.f[2].len == 2 && row.f[3].len == 0);
	txt_row_free(&row);
	txt_row_free(NULL);
}

TEST(unescape_all_escapes)
{
	char s[] = "a\\tb\\nc\\rd\\\\e\\x\\";
	size_t n = txt_tsv_unescape(s, strlen(s));
	CHECK(n == 12);
	CHECK(memcmp(s, "a\tb\nc\rd\\e\\x\\", n) == 0);
}

/* The escapes decoded one byte at a time: the reference for the fast copy. */
static size_t unescape_ref(const char *s, size_t len, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < len && strchr("\\tnr", s[i + 1]) && s[i + 1]) {
			char e = s[++i];
			c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : '\\';
		}
		out[o++] = c;
	}
	return o;
}

TEST(unescape_matches_byte_loop)
{
	static const char alpha[] = "ab\\tnrx\t";
	char s[64], ref[64];
	unsigned x = 12345;
	for (int k = 0; k < 20000; k++) {
		size_t len = (size_t)(k % 40);
		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			s[i] = alpha[(x >> 16) % (sizeof alpha - 1)];
		}
		size_t rn = unescape_ref(s, len, ref);
		size_t n = txt_tsv_unescape(s, len);
		CHECK(n == rn && memcmp(s, ref, n) == 0);
	}
}

/* Fields of every length to 40 with one byte to escape (or none) at each
 * position: the output is the escaping written out here. */
TEST(write_field_matches_byte_loop)
{
	static const char special[] = "\\\t\n\r";
	char path[64], s[40], ref[8192];
	size_t rn = 0;
	snprintf(path, sizeof path, "%s.esc", tmpl);
	txt_writer *w = txt_writer_open(path, TXT_W_FORCE);
	for (size_t len = 0; len <= 40; len++)
		for (size_t at = 0; at <= len; at++)
			for (size_t k = 0; k < 4; k++) {
				for (size_t i = 0; i < len; i++)
					s[i] = (char)('a' + (i * 7 + at) % 26);
				if (at < len)
					s[at] = special[k];
				txt_tsv_write_field(w, s, len);
				txt_writer_putc(w, '\n');
				if (rn + 2 * len + 1 < sizeof ref) {
					for (size_t i = 0; i < len; i++) {
						char c = s[i];
						if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
							ref[rn++] = '\\';
							c = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
						}
						ref[rn++] = c;
					}
					ref[rn++] = '\n';
				}
			}
	CHECK(txt_writer_close(w) == 0);
	char *data;
	size_t n;
	CHECK(txt_read_file(path, &data, &n) == 0);
	CHECK(n >= rn && memcmp(data, ref, rn) == 0);
	free(data);
	unlink(path);
}

TEST(escape_roundtrip)
{
	const char *orig = "tab\there\nnew \\ back\rcr";
	char path[64];
	snprintf(path, sizeof path, "%s.out", tmpl);
	txt_writer *w = txt_writer_open(path, TXT_W_FORCE);
	txt_tsv_write_field(w, orig, strlen(orig));
	txt_writer_putc(w, '\n');
	CHECK(txt_writer_close(w) == 0);
	CHECK(txt_tsv_escaped_len(orig, strlen(orig)) == strlen(orig) + 4);
	char *data;
	size_t n;
	CHECK(txt_read_file(path, &data, &n) == 0);
	CHECK_STR(data, "tab\\there\\nnew \\\\ back\\rcr\n");
	size_t m = txt_tsv_unescape(data, n - 1);
	CHECK(m == strlen(orig) && memcmp(data, orig, m) == 0);
	free(data);
	unlink(path);
}

TEST(table_rows_and_columns)
{
	const char *p = file_with("id\ttext\n1\thello\\tworld\n2\t\n");
	txt_table *t = txt_table_open(p);
	CHECK(t != NULL);
	CHECK(txt_table_ncols(t) == 2);
	CHECK(txt_table_col(t, "text") == 1);
	CHECK(txt_table_col(t, "nope") == -1);
	txt_row *row;
	CHECK(txt_table_next(t, &row) == 1);
	CHECK_STR(row->f[1].s, "hello\tworld");
	CHECK(txt_table_next(t, &row) == 1 && row->f[1].len == 0);
	CHECK(txt_table_next(t, &row) == 0);
	txt_table_close(t);
	unlink(p);
}

/* The header is the first line: a "#" line is the header, not skipped. */
TEST(table_hash_line_is_the_header)
{
	const char *p = file_with("#tok=x\nid\ttext\n");
	txt_table *t = txt_table_open(p);
	CHECK(t != NULL);
	CHECK(txt_table_ncols(t) == 1);
	CHECK_STR(txt_table_colname(t, 0), "#tok=x");
	txt_row *row;
	CHECK(txt_table_next(t, &row) == -1);
	txt_table_close(t);
	unlink(p);
}

TEST(table_wrong_field_count_names_line)
{
	const char *p = file_with("id\ttext\n1\tok\n2\ttoo\tmany\n");
	txt_table *t = txt_table_open(p);
	txt_row *row;
	CHECK(txt_table_next(t, &row) == 1);
	CHECK(txt_table_next(t, &row) == -1);
	CHECK(strstr(txt_err(), ":3: expected 2 fields, found 3") != NULL);
	txt_table_close(t);
	unlink(p);
}

TEST(table_empty_and_bad_headers)
{
	const char *p = file_with("");
	CHECK(txt_table_open(p) == NULL);
	CHECK(strstr(txt_err(), "empty input") != NULL);
	unlink(p);
	p = file_with("a\ta\n");
	CHECK(txt_table_open(p) == NULL);
	CHECK(strstr(txt_err(), "duplicate column name 'a'") != NULL);
	unlink(p);
	p = file_with("a\t\tb\n");
	CHECK(txt_table_open(p) == NULL);
	CHECK(strstr(txt_err(), "empty column name") != NULL);
	unlink(p);
}

TEST(table_need_names_kind)
{
	const char *p = file_with("group\tterm\tn\n");
	txt_table *t = txt_table_open(p);
	CHECK(txt_table_need(t, "text", "docs") == -1);
	CHECK(strstr(txt_err(), "not a docs file: no 'text' column (columns: group, term, n)") != NULL);
	CHECK(txt_table_need(t, "term", "counts") == 1);
	txt_table_close(t);
	txt_table_close(NULL);
	unlink(p);
}

TEST(names)
{
	txt_names l = {0};
	CHECK(txt_names_parse(&l, "--fields", "id,source,text") == 0 && l.n == 3);
	CHECK_STR(l.header, "id\tsource\ttext");
	CHECK(txt_names_index(&l, "text") == 2 && txt_names_index(&l, "x") == -1);
	CHECK(txt_names_parse(&l, "--fields", "id,,text") < 0);
	CHECK(strstr(txt_err(), "--fields: empty name") != NULL);
	CHECK(txt_names_parse(&l, "--fields", "id,text,id") < 0);
	CHECK(strstr(txt_err(), "'id' given twice") != NULL);
	CHECK(txt_names_parse(&l, "--fields", "text,") < 0);
	txt_names_free(&l);
}

/* The duplicate-name check every header goes through: the first repeat's
 * index at any width (100,000 names, the repeat last, or early), and the
 * names' set for lookups. */
TEST(names_dup_wide)
{
	size_t n = 100000;
	char **names = malloc(n * sizeof *names);
	for (size_t i = 0; i < n; i++) {
		names[i] = malloc(16);
		snprintf(names[i], 16, "c%zu", i);
	}
	struct txt_map *set = NULL;
	CHECK(txt_names_dup(names, n, &set) == -1 && set != NULL);
	CHECK(set && txt_map_size(set) == n && txt_map_get(set, "c777", 4) == 777);
	txt_map_free(set);
	snprintf(names[n - 1], 16, "c5");
	CHECK(txt_names_dup(names, n, NULL) == (long)(n - 1));
	snprintf(names[3], 16, "c2");
	set = NULL;
	CHECK(txt_names_dup(names, n, &set) == 3 && set == NULL);
	CHECK(txt_names_dup(names, 0, NULL) == -1);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

RUN_TESTS(T(names), T(names_dup_wide), T(split_fields), T(unescape_all_escapes), T(unescape_matches_byte_loop), T(write_field_matches_byte_loop), T(escape_roundtrip), T(table_rows_and_columns), T(table_hash_line_is_the_header),
	  T(table_wrong_field_count_names_line), T(table_empty_and_bad_headers), T(table_need_names_kind))
