/* Unit tests for text_doc: formats, CSV quoting, JSONL values, UTF-8 and
 * NUL policy, metadata join, id set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "text_doc.h"
#include "text_err.h"

static char dir[] = "/tmp/slant-doc-XXXXXX";

/* Write `n` bytes to DIR/name; returns the path (static buffer). */
static const char *put(const char *name, const char *data, size_t n)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		abort();
	return path;
}
#define PUT(name, lit) put(name, lit, sizeof lit - 1)

/* All documents of an input, one per line as "col=val|col=val...". */
static char *dump(const char *path, const txt_doc_opts *o, int *rc)
{
	static char out[8192];
	size_t n = 0;
	out[0] = '\0';
	txt_doc_in *in = txt_doc_in_open(path, o);
	*rc = 0;
	if (!in) {
		*rc = -1;
		return out;
	}
	const txt_field *f;
	int k;
	while ((k = txt_doc_in_next(in, &f)) > 0) {
		for (size_t i = 0; i < txt_doc_in_ncols(in); i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s=%s", i ? "|" : "",
					      txt_doc_in_colname(in, i), f[i].s);
		n += (size_t)snprintf(out + n, sizeof out - n, "\n");
	}
	if (k < 0)
		*rc = -1;
	txt_doc_in_close(in);
	return out;
}

TEST(formats_by_name)
{
	CHECK(txt_doc_format_guess("a.tsv") == TXT_DOC_TSV);
	CHECK(txt_doc_format_guess("a.tsv.gz") == TXT_DOC_TSV);
	CHECK(txt_doc_format_guess("x/a.csv") == TXT_DOC_CSV);
	CHECK(txt_doc_format_guess("a.jsonl.gz") == TXT_DOC_JSONL);
	CHECK(txt_doc_format_guess("a.ndjson") == TXT_DOC_JSONL);
	CHECK(txt_doc_format_guess("a.txt") == TXT_DOC_TEXT);
	CHECK(txt_doc_format_guess("README") == TXT_DOC_TEXT);
	CHECK(txt_doc_format_guess("-") == TXT_DOC_TSV);
	CHECK(txt_doc_format_parse("csv") == TXT_DOC_CSV);
	CHECK(txt_doc_format_parse("xml") == -1);
	char *id = txt_file_id("dir.d/004_f4.txt.gz");
	CHECK_STR(id, "004_f4");
	free(id);
	id = txt_file_id("a.b.c");
	CHECK_STR(id, "a.b");
	free(id);
	id = txt_file_id(".hidden");
	CHECK_STR(id, ".hidden");
	free(id);
}

TEST(csv_quoting)
{
	int rc;
	const char *p = PUT("q.csv", "id,text,n\r\n"
				     "1,\"a, \"\"b\"\"\",x\r\n"
				     "2,\"two\r\nlines\",\"\"\r\n"
				     "\r\n"
				     "3,plain \"q\" inside,z\n"
				     "4,,\"\"\"\"");
	CHECK_STR(dump(p, NULL, &rc), "id=1|n=x|text=a, \"b\"\n"
				      "id=2|n=|text=two\nlines\n"
				      "id=3|n=z|text=plain \"q\" inside\n"
				      "id=4|n=\"|text=\n");
	CHECK(rc == 0);
}

/* Reading path with the default options fails, the message holding msg. */
static int fails(const char *path, const char *msg)
{
	int rc;
	dump(path, NULL, &rc);
	return rc < 0 && strstr(txt_err(), msg) != NULL;
}

TEST(csv_errors)
{
	CHECK(fails(PUT("e1.csv", "id,text\n1,\"ab\"c\n"), "e1.csv:2: "));
	CHECK(strstr(txt_err(), "closing quote"));
	CHECK(fails(PUT("e2.csv", "id,text\n1,\"ab\n\ncd\n"), "starts on line 2"));
	CHECK(fails(PUT("e3.csv", "id,text\n1\n"), "e3.csv:2: expected 2 fields, found 1"));
	CHECK(fails(PUT("e4.csv", "id,text,id\n"), "duplicate column name 'id'"));
	CHECK(fails(PUT("e5.csv", ""), "empty input"));
	/* the line number of a record after a multi-line one */
	CHECK(fails(PUT("e6.csv", "id,text\n1,\"a\nb\nc\"\n2,x,y\n"), "e6.csv:5: "));
}

TEST(csv_columns)
{
	int rc;
	const char *p = PUT("c.csv", "\xEF\xBB\xBF" "body,date,outlet,key\nhello,2025,Paper,k1\n");
	txt_doc_opts o = {.text_col = "body", .id_col = "key"};
	CHECK_STR(dump(p, &o, &rc), "id=k1|source=Paper|date=2025|text=hello\n");
	CHECK(rc == 0);
	o.id_col = "nope";
	dump(p, &o, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "no id column 'nope'"));
	/* without an id column: BASE:N */
	o.id_col = NULL;
	o.source_col = "date";
	CHECK_STR(dump(p, &o, &rc), "id=c:1|source=2025|outlet=Paper|key=k1|text=hello\n");
}

TEST(jsonl_values)
{
	int rc;
	const char *p = PUT("v.jsonl", "{\"id\": 7, \"x\": 1.5, \"b\": false, \"z\": null, "
				       "\"o\": {\"k\": [1, \"s\"]}, \"text\": \"a\\u00e9\\nb\"}\n"
				       "   \n"
				       "{\"text\": \"t\", \"id\": \"s\"}\n");
	CHECK_STR(dump(p, NULL, &rc), "id=7|x=1.5|b=false|z=|o={\"k\":[1,\"s\"]}|text=a\xC3\xA9\nb\n"
				      "id=s|x=|b=|z=|o=|text=t\n");
	CHECK(rc == 0);
}

TEST(jsonl_errors)
{
	CHECK(fails(PUT("j1.jsonl", "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\",\"new\":0}\n"), "j1.jsonl:2: key 'new'"));
	CHECK(fails(PUT("j2.jsonl", "\n{\"id\":1,\"text\":\"a\"\n"), "j2.jsonl:2: invalid JSON"));
	CHECK(fails(PUT("j3.jsonl", "\"just a string\"\n"), "j3.jsonl:1: expected a JSON object"));
	CHECK(fails(PUT("j4.jsonl", "{\"id\":1,\"id\":2,\"text\":\"a\"}\n"), "j4.jsonl:1: invalid JSON"));
	CHECK(fails(PUT("j5.jsonl", "{\"id\":1,\"text\":\"a\\u0000b\"}\n"), "j5.jsonl:1: "));
	CHECK(fails(PUT("j6.jsonl", "{\"id\":1,\"body\":\"a\"}\n"), "no text column 'text'"));
}

TEST(utf8_policy)
{
	int rc;
	/* FF; E2 82 truncated before '|'; ED A0 80 (surrogate) is three
	 * maximal subparts; C0 AF overlong is two */
	const char *p = PUT("u.tsv", "id\ttext\na\tx\xFFy\xE2\x82|\xED\xA0\x80|\xC0\xAF.\n");
	txt_doc_in *in = txt_doc_in_open(p, NULL);
	const txt_field *f;
	CHECK(in && txt_doc_in_next(in, &f) == 1);
	if (in) {
		CHECK_STR(f[1].s, "x\xEF\xBF\xBDy\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
				  "\xEF\xBF\xBD\xEF\xBF\xBD.");
		CHECK(txt_doc_in_nbad(in) == 7);
		CHECK(strstr(txt_doc_in_first_bad(in), "u.tsv:2") != NULL);
	}
	txt_doc_in_close(in);
	txt_doc_opts o = {.strict = 1};
	dump(p, &o, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "u.tsv:2: invalid UTF-8 (byte 0xFF)"));
	/* valid 4-byte and 3-byte sequences pass */
	CHECK_STR(dump(PUT("ok.tsv", "id\ttext\na\t\xF0\x9F\x98\x80\xE2\x80\x99\n"), &o, &rc),
		  "id=a|text=\xF0\x9F\x98\x80\xE2\x80\x99\n");
	/* in a text file the line of the bad byte is reported */
	dump(PUT("t.txt", "one\ntwo\nth\xFE" "ree\n"), &o, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "t.txt:3: invalid UTF-8"));
}

TEST(nul_bytes)
{
	int rc;
	dump(put("n.tsv", "id\ttext\na\tb\0c\n", 13), NULL, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "n.tsv:2: NUL byte"));
	dump(put("n.txt", "ab\ncd\0", 6), NULL, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "n.txt:2: NUL byte"));
	dump(put("n.csv", "id,text\n1,\"a\n\0\"\n", 16), NULL, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "n.csv:3: NUL byte"));
}

TEST(text_files_and_dirs)
{
	int rc;
	char sub[600];
	snprintf(sub, sizeof sub, "%s/d", dir);
	CHECK(mkdir(sub, 0700) == 0);
	PUT("d/z.txt", "last");
	PUT("d/a.txt", "\xEF\xBB\xBF" "first\n");
	PUT("d/.skip", "hidden");
	CHECK_STR(dump(sub, NULL, &rc), "id=a|text=first\n\nid=z|text=last\n");
	CHECK(rc == 0);
	/* --format does not apply to directories */
	txt_doc_opts o = {.format = TXT_DOC_CSV};
	CHECK_STR(dump(sub, &o, &rc), "id=a|text=first\n\nid=z|text=last\n");
	CHECK_STR(dump(PUT("e.txt", ""), NULL, &rc), "id=e|text=\n");
	/* a text file read as TSV by --format */
	CHECK_STR(dump(PUT("f.txt", "id\ttext\nk\tv\n"), &(txt_doc_opts){.format = TXT_DOC_TSV}, &rc),
		  "id=k|text=v\n");
	dump("/nonexistent/x.txt", NULL, &rc);
	CHECK(rc < 0 && strstr(txt_err(), "/nonexistent/x.txt: "));
}

/* Which names of a directory are documents, by the rule and by globs. */
TEST(dir_rule)
{
	CHECK(txt_doc_dir_take("a.txt", NULL) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("a.TXT.gz", NULL) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("p.html", NULL) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("c.warc.gz", NULL) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("t.tsv.gz", NULL) == TXT_DOC_TAKE_TABLE);
	CHECK(txt_doc_dir_take("j.ndjson", NULL) == TXT_DOC_TAKE_TABLE);
	CHECK(txt_doc_dir_take("README", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take("readme.md", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take("LICENCE.txt", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take(".x.txt", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take("notes.dat", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take("noext", NULL) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take(".gz", NULL) == TXT_DOC_SKIP);
	const char *g[] = {"*.dat", "READ*"};
	txt_doc_opts o = {.globs = g, .nglobs = 2};
	CHECK(txt_doc_dir_take("notes.dat", &o) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("README", &o) == TXT_DOC_TAKE_DOC);
	CHECK(txt_doc_dir_take("a.txt", &o) == TXT_DOC_SKIP);
	const char *all[] = {"*"};
	txt_doc_opts a = {.globs = all, .nglobs = 1};
	CHECK(txt_doc_dir_take(".hidden", &a) == TXT_DOC_SKIP);
	CHECK(txt_doc_dir_take("x.csv", &a) == TXT_DOC_TAKE_TABLE);
}

TEST(meta_join)
{
	const char *p = PUT("m.tsv", "id\tdate\toutlet\tlang\n"
				     "b\t2025-11-19\tbnl\ten\n"
				     "a\t\tAntiwar.com\ten\n");
	txt_doc_meta *m = txt_doc_meta_load(p, NULL);
	CHECK(m != NULL);
	if (!m)
		return;
	CHECK(txt_doc_meta_ncols(m) == 3);
	CHECK_STR(txt_doc_meta_colname(m, 0), "source");
	CHECK_STR(txt_doc_meta_colname(m, 1), "date");
	CHECK_STR(txt_doc_meta_colname(m, 2), "lang");
	const txt_field *f = txt_doc_meta_get(m, "b");
	CHECK(f && strcmp(f[0].s, "bnl") == 0 && strcmp(f[1].s, "2025-11-19") == 0);
	f = txt_doc_meta_get(m, "a");
	CHECK(f && strcmp(f[0].s, "Antiwar.com") == 0 && f[1].len == 0);
	CHECK(txt_doc_meta_get(m, "c") == NULL);
	CHECK(txt_doc_meta_nrows(m) == 2);
	txt_doc_meta_free(m);
	txt_doc_meta_free(NULL);

	CHECK(txt_doc_meta_load(PUT("m2.tsv", "id\tx\na\t1\nb\t2\na\t3\n"), NULL) == NULL);
	CHECK(strstr(txt_err(), "m2.tsv:4: duplicate id 'a' (also on line 2)") != NULL);
	CHECK(txt_doc_meta_load(PUT("m3.tsv", "key\tx\na\t1\n"), NULL) == NULL);
	CHECK(strstr(txt_err(), "no 'id' column") != NULL);
	CHECK(txt_doc_meta_load(PUT("m4.tsv", "id\tx\na\t\xC3\n"), NULL) == NULL);
	CHECK(strstr(txt_err(), "m4.tsv:2: invalid UTF-8") != NULL);
	m = txt_doc_meta_load(PUT("m5.tsv", "id\tsource\toutlet\na\tS\tO\n"), NULL);
	CHECK(m && strcmp(txt_doc_meta_colname(m, 0), "source") == 0 &&
	      strcmp(txt_doc_meta_colname(m, 1), "outlet") == 0);
	txt_doc_meta_free(m);
}

TEST(id_set)
{
	txt_doc_ids *s = txt_doc_ids_new();
	const char *first = NULL;
	char id[32], where[32];
	for (int i = 0; i < 50000; i++) {
		snprintf(id, sizeof id, "doc%d", i);
		snprintf(where, sizeof where, "f:%d", i + 2);
		CHECK(txt_doc_ids_add(s, id, where, &first) == 0);
	}
	CHECK(txt_doc_ids_add(s, "doc123", "g:1", &first) == 1);
	CHECK_STR(first, "f:125");
	CHECK(txt_doc_ids_add(s, "doc50000", "g:2", &first) == 0);
	txt_doc_ids_free(s);
	txt_doc_ids_free(NULL);
}

static void cleanup(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static int setup(void)
{
	if (!mkdtemp(dir))
		return -1;
	atexit(cleanup);
	return 0;
}

static int setup_ok = -2;
#define SETUP() (setup_ok == -2 ? (setup_ok = setup()) : setup_ok)

TEST(setup_dir) { CHECK(SETUP() == 0); }

/* The documents of a JSONL input read raw and parsed by a parser (as
 * slant-docs -j does, here in one thread), one per line as dump() gives
 * them; where() must name the input's path and the line.  The bad UTF-8
 * total and first place end in *nbad and first_bad. */
static char *dump_split(const char *path, const txt_doc_opts *o, int *rc, uint64_t *nbad,
			char *first_bad, int *where_ok)
{
	static char out[8192];
	size_t n = 0;
	out[0] = '\0';
	*rc = 0;
	*where_ok = 1;
	txt_doc_in *in = txt_doc_in_open(path, o);
	if (!in) {
		*rc = -1;
		return out;
	}
	txt_doc_in *p = txt_doc_in_parser(in);
	const char *line;
	size_t len;
	uint64_t lineno, recno;
	int k;
	while ((k = txt_doc_in_next_raw(in, &line, &len, &lineno, &recno)) > 0) {
		const txt_field *f;
		if (txt_doc_in_parse(p, line, len, lineno, recno, &f) < 0) {
			k = -1;
			break;
		}
		for (size_t i = 0; i < txt_doc_in_ncols(in); i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s=%s", i ? "|" : "",
					      txt_doc_in_colname(in, i), f[i].s);
		n += (size_t)snprintf(out + n, sizeof out - n, "\n");
		char want[600];
		snprintf(want, sizeof want, "%s:%llu", path, (unsigned long long)lineno);
		*where_ok &= strcmp(txt_doc_in_where(p), want) == 0;
		txt_doc_in_take_bad(in, p);
	}
	if (k < 0)
		*rc = -1;
	*nbad = txt_doc_in_nbad(in);
	strcpy(first_bad, txt_doc_in_first_bad(in));
	txt_doc_in_close(p);
	txt_doc_in_close(in);
	return out;
}

TEST(jsonl_split)
{
	SETUP();
	int rc, rc2, where_ok;
	uint64_t nbad;
	char first[512], want[600], whole[8192];
	/* BOM, blank lines, generated ids, bad UTF-8 on lines 3 and 5 */
	const char *p = PUT("s.jsonl", "\xEF\xBB\xBF{\"src\":\"a\",\"text\":\"one\"}\n\n"
			    "{\"text\":\"t\xFFwo\"}\n{\"src\":\"b\",\"text\":\"three\"}\n"
			    "{\"text\":\"f\xC3\"}\n");
	txt_doc_opts o = {.source_col = "src"};
	strcpy(whole, dump(p, &o, &rc));
	CHECK(rc == 0);
	CHECK_STR(whole, "id=s:1|source=a|text=one\n"
			 "id=s:2|source=|text=t\xEF\xBF\xBDwo\n"
			 "id=s:3|source=b|text=three\n"
			 "id=s:4|source=|text=f\xEF\xBF\xBD\n");
	CHECK_STR(dump_split(p, &o, &rc2, &nbad, first, &where_ok), whole);
	CHECK(rc2 == 0 && where_ok && nbad == 2);
	snprintf(want, sizeof want, "%s:3", p);
	CHECK_STR(first, want);

	/* errors: the message txt_doc_in_next gives */
	p = PUT("e.jsonl", "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\",\"new\":0}\n");
	dump(p, NULL, &rc);
	snprintf(want, sizeof want, "%s", txt_err());
	CHECK(rc < 0 && strstr(want, "e.jsonl:2: key 'new'"));
	dump_split(p, NULL, &rc2, &nbad, first, &where_ok);
	CHECK(rc2 < 0);
	CHECK_STR(txt_err(), want);
	p = PUT("f.jsonl", "{\"id\":1,\"text\":\"a\"}\n\n{\"id\":2,\"text\":\"b\"\n");
	dump(p, NULL, &rc);
	snprintf(want, sizeof want, "%s", txt_err());
	CHECK(rc < 0 && strstr(want, "f.jsonl:3: invalid JSON"));
	dump_split(p, NULL, &rc2, &nbad, first, &where_ok);
	CHECK(rc2 < 0);
	CHECK_STR(txt_err(), want);

	/* only JSONL splits */
	txt_doc_in *in = txt_doc_in_open(PUT("t.tsv", "id\ttext\n1\tx\n"), NULL);
	const char *line;
	size_t len;
	uint64_t ln, rn;
	CHECK(in && !txt_doc_in_splits(in));
	CHECK(txt_doc_in_next_raw(in, &line, &len, &ln, &rn) < 0);
	txt_doc_in_close(in);
	in = txt_doc_in_open(PUT("u.jsonl", "{\"text\":\"x\"}\n"), NULL);
	CHECK(in && txt_doc_in_splits(in));
	txt_doc_in_close(in);
}

RUN_TESTS(T(setup_dir), T(formats_by_name), T(csv_quoting), T(csv_errors), T(csv_columns),
	  T(jsonl_values), T(jsonl_errors), T(utf8_policy), T(nul_bytes),
	  T(text_files_and_dirs), T(dir_rule), T(meta_join), T(id_set), T(jsonl_split))
