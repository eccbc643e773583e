/* Shared by the unit tests: the engine loaded from the source tree's patterns, running the
 * pipeline on a string, and a Check main that speaks TAP to meson. */
#ifndef WS_TESTUTIL_H
#define WS_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static ws_engine *test_engine;

static inline void engine_setup(void)
{
    ws_error err;
    if (ws_engine_load(WS_SOURCE_PATTERNS, &test_engine, &err) < 0) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line, err.column, err.msg);
        abort();
    }
}

static inline void engine_teardown(void)
{
    ws_engine_free(test_engine);
    test_engine = NULL;
}

/* Runs ws_extract on a C string; fails the test on error. */
static inline ws_result *extract(const char *text)
{
    ws_result *r = NULL;
    ws_error err;
    int rc = ws_extract(test_engine, text, strlen(text), &r, &err);
    ck_assert_msg(rc == 0, "ws_extract failed: %s", err.msg);
    return r;
}

/* The text of a span of the result. */
static inline char *span_text(const ws_result *r, ws_span s)
{
    size_t len;
    const char *t = ws_result_text(r, &len);
    if (s.byte_start == WS_NO_OFFSET)
        return strdup("(none)");
    return ws_strndup(t + s.byte_start, s.byte_end - s.byte_start);
}

/* Asserts quotation i: its text, speaker (NULL for none) and cue (NULL for none). */
#define assert_quote(r, i, want_text, want_speaker, want_cue)                                    \
    do {                                                                                         \
        const ws_quote *q_ = ws_result_quote((r), (i));                                          \
        ck_assert_msg(q_ != NULL, "no quotation %d", (int)(i));                                  \
        char *t_ = span_text((r), q_->content);                                                  \
        ck_assert_str_eq(t_, (want_text));                                                       \
        free(t_);                                                                                \
        if ((want_speaker) == NULL)                                                              \
            ck_assert_msg(q_->speaker == NULL, "speaker %s, expected none", q_->speaker);        \
        else                                                                                     \
            ck_assert_msg(q_->speaker && !strcmp(q_->speaker, (want_speaker) ? (want_speaker) : ""), \
                          "speaker %s, expected %s", q_->speaker ? q_->speaker : "(none)",       \
                          (want_speaker) ? (want_speaker) : "");                                 \
        char *c_ = span_text((r), q_->cue);                                                      \
        ck_assert_str_eq(c_, (want_cue) ? (want_cue) : "(none)");                                \
        free(c_);                                                                                \
    } while (0)

/* Runs one suite, printing TAP on stdout for meson. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_set_tap(sr, "-");
    srunner_run_all(sr, CK_SILENT);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
