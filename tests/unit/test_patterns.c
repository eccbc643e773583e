/* lists.c, patterns.c, engine.c: loading pattern directories, and errors as file:line:column. */
#include <dirent.h>
#include <pthread.h>
#include <unistd.h>

#include "testutil.h"

static char dir[256];

/* A copy of the shipped word lists and common.pcre, plus one pattern file of the test's own. */
static void make_dir(const char *pcre)
{
    snprintf(dir, sizeof dir, "/tmp/ws-patterns-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    DIR *d = opendir(WS_SOURCE_PATTERNS);
    ck_assert_ptr_nonnull(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        bool keep = (n > 4 && !strcmp(de->d_name + n - 4, ".txt")) ||
                    !strcmp(de->d_name, "common.pcre");
        if (!keep)
            continue;
        char src[512], dst[512];
        snprintf(src, sizeof src, "%s/%s", WS_SOURCE_PATTERNS, de->d_name);
        snprintf(dst, sizeof dst, "%s/%s", dir, de->d_name);
        FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
        char buf[8192];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, k, out);
        fclose(in);
        fclose(out);
    }
    closedir(d);
    char path[512];
    snprintf(path, sizeof path, "%s/test.pcre", dir);
    FILE *f = fopen(path, "wb");
    fputs(pcre, f);
    fclose(f);
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static ws_error load_fails(const char *pcre)
{
    make_dir(pcre);
    ws_engine *e = NULL;
    ws_error err;
    int rc = ws_engine_load(dir, &e, &err);
    remove_dir();
    ck_assert_int_eq(rc, WS_ERR_PATTERN);
    ck_assert_ptr_null(e);
    ck_assert_int_eq(err.code, WS_ERR_PATTERN);
    return err;
}

START_TEST(shipped_patterns_load_and_pass_their_examples)
{
    ws_error err;
    ck_assert_uint_gt(ws_engine_frame_count(test_engine), 5);
    int rc = ws_engine_selftest(test_engine, &err);
    ck_assert_msg(rc == 0, "%s:%u: %s", err.file, err.line, err.msg);
}
END_TEST

START_TEST(syntax_error_names_file_line_column)
{
    ws_error err = load_fails("# comment\n@frame broken after\n    (?<mention>x) (?<cue>+y)\n");
    ck_assert_ptr_nonnull(strstr(err.file, "test.pcre"));
    ck_assert_uint_eq(err.line, 3);
    /* PCRE2 points at the misplaced quantifier: column 26 of that line, give or take one */
    ck_assert_uint_ge(err.column, 25);
    ck_assert_uint_le(err.column, 27);
    ck_assert_ptr_nonnull(strstr(err.msg, "quantifier"));
}
END_TEST

START_TEST(unknown_directive)
{
    ws_error err = load_fails("\n\n@frmae x after\n    (?<mention>x)(?<cue>y)\n");
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 2);
    ck_assert_ptr_nonnull(strstr(err.msg, "unknown directive"));
}
END_TEST

START_TEST(unknown_macro)
{
    ws_error err = load_fails("@frame x after\n    (?<mention>x) (?<cue>{NOPE})\n");
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 26);
    ck_assert_ptr_nonnull(strstr(err.msg, "{NOPE}"));
}
END_TEST

START_TEST(error_inside_a_macro_points_into_it)
{
    ws_error err = load_fails("@define BAD\n    (?<x>a\n@frame x after\n    (?<mention>{BAD}) (?<cue>y)\n");
    ck_assert_uint_eq(err.line, 2);
}
END_TEST

START_TEST(frame_without_required_groups)
{
    ws_error err = load_fails("@frame x sentence\n    (?<mention>a) (?<cue>b)\n");
    ck_assert_uint_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.msg, "content"));
}
END_TEST

START_TEST(text_outside_a_body)
{
    ws_error err = load_fails("# fine\nnot indented\n");
    ck_assert_uint_eq(err.line, 2);
}
END_TEST

START_TEST(unknown_list_attribute)
{
    ws_error err = load_fails("@frame x after\n    (?<mention>{cues:nosuch}) (?<cue>y)\n");
    ck_assert_ptr_nonnull(strstr(err.msg, "nosuch"));
}
END_TEST

START_TEST(failing_example_is_reported)
{
    make_dir("@frame x after\n    (?<mention>he) \\s (?<cue>said)\n@match he said\n"
             "@nomatch she said\n@match it said\n");
    ws_engine *e = NULL;
    ws_error err;
    ck_assert_int_eq(ws_engine_load(dir, &e, &err), 0);
    remove_dir();
    ck_assert_int_eq(ws_engine_selftest(e, &err), WS_ERR_PATTERN);
    ck_assert_uint_eq(err.line, 5);
    ck_assert_ptr_nonnull(strstr(err.msg, "it said"));
    ws_engine_free(e);
}
END_TEST

/* A list used whole and filtered in one frame is defined as its two halves (patterns.c,
 * define_list): the whole list must still hold the entries of both halves. */
START_TEST(whole_list_beside_its_filtered_half_keeps_every_entry)
{
    make_dir(
        "@frame x after\n"
        "    (?<mention>{titles} \\h \\w+ | {titles:role}) \\h (?<cue>said)\n"
        "@match Mr. Smith said\n"     /* an honorific: the half without role */
        "@match Senator Smith said\n" /* a role: the half with it */
        "@match spokesman said\n"
        "@nomatch Smith said\n");
    ws_engine *e = NULL;
    ws_error err;
    ck_assert_int_eq(ws_engine_load(dir, &e, &err), 0);
    remove_dir();
    int rc = ws_engine_selftest(e, &err);
    ck_assert_msg(rc == 0, "%s:%u: %s", err.file, err.line, err.msg);
    ws_engine_free(e);
}
END_TEST

START_TEST(runaway_pattern_hits_a_limit)
{
    /* catastrophic backtracking: (a+)+$ on a long run of a's ending in b */
    make_dir("@frame runaway sentence\n    ^(?<content>(?:a+)+)$(?<mention>)(?<cue>)\n");
    ws_engine *e = NULL;
    ws_error err;
    ck_assert_int_eq(ws_engine_load(dir, &e, &err), 0);
    remove_dir();
    char text[4096];
    memset(text, 'a', sizeof text - 2);
    text[sizeof text - 2] = 'b';
    text[sizeof text - 1] = '\0';
    ws_result *r = NULL;
    int rc = ws_extract(e, text, strlen(text), &r, &err);
    ck_assert_int_eq(rc, WS_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "runaway"));
    ck_assert_ptr_null(r);
    ws_engine_free(e);
}
END_TEST

START_TEST(missing_directory)
{
    ws_engine *e = NULL;
    ws_error err;
    ck_assert_int_eq(ws_engine_load("/nonexistent/patterns", &e, &err), WS_ERR_IO);
    ck_assert_ptr_null(e);
    ck_assert_str_eq(ws_strerror(WS_ERR_IO), "cannot read file");
}
END_TEST

START_TEST(list_lookup_folds_case_and_apostrophes)
{
    const ws_list *l = ws_engine_list(test_engine, "titles");
    ck_assert_int_ge(ws_list_find(l, "PRESIDENT", 9), 0);
    ck_assert_int_ge(ws_list_find(l, "prime minister", 14), 0);
    ck_assert_int_lt(ws_list_find(l, "presiden", 8), 0);
    bool found;
    uint32_t a = ws_list_attrs_of(l, "Mr.", 3, &found);
    ck_assert(found);
    ck_assert(a & ws_list_attr(l, "honorific"));
}
END_TEST

/* The strings of the pre-filter sets of pattern p, "|"-joined, sets separated by " ". */
static void prefilter_of(const char *p, char *out, size_t cap)
{
    ws_literals *sets[WS_PREFILTER_SETS];
    ws_prefilter_memo *memo = NULL;
    int n = ws_prefilter_make(p, strlen(p), sets, &memo);
    ck_assert_int_ge(n, 0);
    out[0] = '\0';
    for (int k = 0; k < n; k++) {
        if (k)
            strncat(out, " ", cap - strlen(out) - 1);
        for (size_t i = 0; i < ws_literals_count(sets[k]); i++) {
            if (i)
                strncat(out, "|", cap - strlen(out) - 1);
            strncat(out, ws_literals_string(sets[k], i), cap - strlen(out) - 1);
        }
        free(sets[k]);
    }
    ws_prefilter_memo_free(memo);
}

#define assert_prefilter(pattern, want)                                                         \
    do {                                                                                         \
        char got_[512];                                                                          \
        prefilter_of((pattern), got_, sizeof got_);                                              \
        ck_assert_str_eq(got_, (want));                                                          \
    } while (0)

/* Asserts that PCRE2 finds pattern[0..len) (compiled as frames are; pattern[len] is NUL) in
 * text[0..text_len), and that the pattern's pre-filter, made with *memo, lets the text through:
 * a filter must never skip a match. */
static void check_filter_passes_n(const char *pattern, size_t len, const char *text,
                                  size_t text_len, ws_prefilter_memo **memo)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_EXTENDED, &ec, &eo, NULL);
    ck_assert_msg(code, "%s does not compile", pattern);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)text, text_len, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    ck_assert_msg(rc >= 0, "%s does not match \"%s\"", pattern, text);
    ws_literals *sets[WS_PREFILTER_SETS];
    int n = ws_prefilter_make(pattern, len, sets, memo);
    ck_assert_int_ge(n, 0);
    bool found = true;
    for (int k = 0; k < n; k++) {
        found = found && ws_literals_found(sets[k], text, 0, text_len);
        free(sets[k]);
    }
    ck_assert_msg(found, "the filter of %s skips \"%s\"", pattern, text);
}

static void check_filter_passes(const char *pattern, const char *text, ws_prefilter_memo **memo)
{
    check_filter_passes_n(pattern, strlen(pattern), text, strlen(text), memo);
}

#define assert_filter_passes(pattern, text)                                                        \
    do {                                                                                           \
        ws_prefilter_memo *memo_ = NULL;                                                           \
        check_filter_passes((pattern), (text), &memo_);                                            \
        ws_prefilter_memo_free(memo_);                                                             \
    } while (0)

/* Escapes read as PCRE2 reads them (all found by review). */
START_TEST(prefilter_reads_escapes_as_pcre2_does)
{
    assert_filter_passes("\\012abc", "\nabc"); /* \0 and up to two octal digits */
    assert_prefilter("\\012abc", "abc");
    assert_filter_passes("foo\\N{U+41}bar", "fooAbar");
    assert_prefilter("foo\\N{U+41}bar", "foo bar");
    assert_filter_passes("abc\\x9|xyz", "abc\t"); /* \xh: one hex digit, then the next piece */
    assert_prefilter("abc\\x9|xyz", "abc|xyz");
    /* a NUL, raw or escaped, is a character like any other */
    const char raw[] = "abc\0def", escaped[] = "abc\\\0def", text[] = "abc\0def";
    ws_prefilter_memo *memo = NULL;
    check_filter_passes_n(raw, sizeof raw - 1, text, sizeof text - 1, &memo);
    check_filter_passes_n(escaped, sizeof escaped - 1, text, sizeof text - 1, &memo);
    ws_prefilter_memo_free(memo);
}
END_TEST

/* A quantifier applies to the atom before it, over spaces and comments; a brace that is not a
 * plain {n}, {n,} or {n,m} is read differently by PCRE2 versions: it voids the filter. */
START_TEST(prefilter_reads_quantifiers_as_pcre2_does)
{
    assert_filter_passes("xab (?#c) ?cd", "xacd"); /* found by review */
    assert_prefilter("xab (?#c) ?cd # b?\n", "xabcd|xacd");
    assert_prefilter("xab{2,}cde", "cde");
    assert_prefilter("xab{ 2, }cde", ""); /* "xab{2,}cde" to PCRE2 10.42, "xabbcde" to 10.43 */
    assert_prefilter("xab{,2}cde", "");
}
END_TEST

/* Options set anywhere but in a (?i: group, or parentheses hidden by \Q…\E, void the filter: the
 * named groups' options are found before the pattern is read (all found by review). */
START_TEST(prefilter_gives_up_on_options_it_does_not_follow)
{
    assert_filter_passes("(?(DEFINE)(?i)(?<x>éclair))(?&x)zz", "ÉCLAIRzz");
    assert_filter_passes("(?(DEFINE)(?-x)(?<x>é c))(?&x)zz", "é czz");
    assert_filter_passes("(?(DEFINE)(?i:\\Q)\\E(?<x>éclair)\\Q(\\E))(?&x)zz", "ÉCLAIRzz");
    assert_prefilter("(?(DEFINE)(?i:(?<x>éclair)))(?&x)zz", "clair");
}
END_TEST

/* Patterns read with one memo may define a name in different ways: what a group requires also
 * depends on the groups it calls (found by review). */
START_TEST(prefilter_memo_follows_the_groups_called)
{
    ws_prefilter_memo *memo = NULL;
    check_filter_passes("(?&w)(?(DEFINE)(?<w>(?&v)z)(?<v>abc))", "abcz", &memo);
    check_filter_passes("(?&w)(?(DEFINE)(?<w>(?&v)z)(?<v>éxy))", "éxyz", &memo);
    check_filter_passes("(?&w)(?(DEFINE)(?<w>(?&v)z)(?i:(?<v>éxy)))", "ÉXYz", &memo);
    ws_prefilter_memo_free(memo);
}
END_TEST

/* Only strings every match must hold: what is optional, alternative to a class or looked at
 * without being consumed requires nothing, and what the reading does not know voids it all. */
START_TEST(prefilter_requires_only_what_every_match_holds)
{
    assert_prefilter("(?: said | says ) \\h+ that", "said|says that");
    assert_prefilter("(?:said)? \\h+ \\w+", "");
    assert_prefilter("(?=said) \\w+", "");
    assert_prefilter("said | \\w+", "");
    assert_prefilter("(?i: sa(?:id|ys) ) # a comment: notsaid\n", "said|says");
    assert_prefilter("(?i: ran(?:ked)? )", "ran");
    assert_prefilter("(?&ws_cue) x (?(DEFINE)(?<ws_cue> told | asked ))", "told|asked toldx|askedx");
    assert_prefilter("said (*ACCEPT) then", "");
    assert_prefilter("said \\1", "");
    assert_prefilter("(?i) said", "");
    assert_prefilter("[said]{3} (?<name> that+ )", "tha");
    assert_prefilter("(?i: é told )", "told"); /* é may match É: other bytes */
    /* repeats beyond one say nothing of the text: "ab*cd" matches "abbcd" (found by review) */
    assert_prefilter("ab*cd", "");
    assert_prefilter("abc(?:def)*ghi", "abc ghi");
    assert_prefilter("x(?:ab){0,3}yz", "");
    assert_prefilter("said(?:ly)?", "said");
}
END_TEST

/* Runs fn(arg) on a thread with a stack of `size` bytes, as a library user's thread might be
 * (musl gives 128 KB); fn must not call ck_assert. */
static void run_on_small_stack(void *(*fn)(void *), void *arg, size_t size)
{
    pthread_attr_t attr;
    pthread_t t;
    ck_assert_int_eq(pthread_attr_init(&attr), 0);
    ck_assert_int_eq(pthread_attr_setstacksize(&attr, size), 0);
    ck_assert_int_eq(pthread_create(&t, &attr, fn, arg), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    pthread_attr_destroy(&attr);
}

static void *load_shipped(void *rc)
{
    ws_engine *e = NULL;
    ws_error err;
    *(int *)rc = ws_engine_load(WS_SOURCE_PATTERNS, &e, &err);
    ws_engine_free(e);
    return NULL;
}

/* The pre-filters read the patterns with little stack: their sets live on the heap. */
START_TEST(shipped_patterns_load_on_a_small_stack)
{
    int rc = -1;
    run_on_small_stack(load_shipped, &rc, 128 * 1024);
    ck_assert_int_eq(rc, 0);
}
END_TEST

typedef struct nested_pattern {
    char p[1024];
    int n; /* what ws_prefilter_make returns */
} nested_pattern;

static void *make_nested_prefilter(void *arg)
{
    nested_pattern *t = arg;
    ws_literals *sets[WS_PREFILTER_SETS];
    ws_prefilter_memo *memo = NULL;
    t->n = ws_prefilter_make(t->p, strlen(t->p), sets, &memo);
    for (int k = 0; k < t->n; k++)
        free(sets[k]);
    ws_prefilter_memo_free(memo);
    return NULL;
}

/* Groups nested deeper than the reader goes (50) give no filter; below, a small stack suffices. */
START_TEST(prefilter_of_deep_nesting_fits_a_small_stack)
{
    for (int depth = 45; depth <= 200; depth += 155) {
        nested_pattern t = {.n = -1};
        for (int k = 0; k < depth; k++)
            strcat(t.p, "(?:");
        strcat(t.p, "said");
        for (int k = 0; k < depth; k++)
            strcat(t.p, ")");
        run_on_small_stack(make_nested_prefilter, &t, 64 * 1024);
        ck_assert_int_eq(t.n, depth < 50 ? 1 : 0);
    }
}
END_TEST

START_TEST(prefilter_passes_case_and_other_case_partners)
{
    const char *const strings[] = {"Kelvin", "says"};
    ws_literals *set = ws_literals_new(strings, 2);
    const char a[] = "The \xE2\x84\xAA" "elvin scale", b[] = "He SAYS so", c[] = "sa\xC5\xBF" "ys";
    ck_assert(ws_literals_found(set, a, 0, strlen(a)));
    ck_assert(ws_literals_found(set, b, 0, strlen(b)));
    ck_assert(!ws_literals_found(set, b, 5, strlen(b)));
    ck_assert(ws_literals_found(set, c, 0, strlen(c)) == false); /* "saſys" holds no "says" */
    const char d[] = "sa\xC5\xBF" "";
    ck_assert(!ws_literals_found(set, d, 0, strlen(d)));
    const char e[] = "\xC5\xBF" "ays";
    ck_assert(ws_literals_found(set, e, 0, strlen(e)));
    free(set);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("patterns");
    TCase *tc = tcase_create("patterns");
    tcase_set_timeout(tc, 60);
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, shipped_patterns_load_and_pass_their_examples);
    tcase_add_test(tc, syntax_error_names_file_line_column);
    tcase_add_test(tc, unknown_directive);
    tcase_add_test(tc, unknown_macro);
    tcase_add_test(tc, error_inside_a_macro_points_into_it);
    tcase_add_test(tc, frame_without_required_groups);
    tcase_add_test(tc, text_outside_a_body);
    tcase_add_test(tc, unknown_list_attribute);
    tcase_add_test(tc, failing_example_is_reported);
    tcase_add_test(tc, whole_list_beside_its_filtered_half_keeps_every_entry);
    tcase_add_test(tc, runaway_pattern_hits_a_limit);
    tcase_add_test(tc, missing_directory);
    tcase_add_test(tc, list_lookup_folds_case_and_apostrophes);
    tcase_add_test(tc, prefilter_requires_only_what_every_match_holds);
    tcase_add_test(tc, prefilter_passes_case_and_other_case_partners);
    tcase_add_test(tc, prefilter_reads_escapes_as_pcre2_does);
    tcase_add_test(tc, prefilter_reads_quantifiers_as_pcre2_does);
    tcase_add_test(tc, prefilter_gives_up_on_options_it_does_not_follow);
    tcase_add_test(tc, prefilter_memo_follows_the_groups_called);
    tcase_add_test(tc, shipped_patterns_load_on_a_small_stack);
    tcase_add_test(tc, prefilter_of_deep_nesting_fits_a_small_stack);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
