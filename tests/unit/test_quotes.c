/* quotes.c: quote-mark pairs, apostrophes, quotations over several paragraphs. */
#include "testutil.h"

static ws_doc doc;

static void find(const char *text)
{
    memset(&doc, 0, sizeof doc);
    doc.eng = test_engine;
    doc.text = text;
    doc.len = strlen(text);
    ck_assert_int_eq(ws_segment(&doc), 0);
    ck_assert_int_eq(ws_find_quotes(&doc), 0);
}

static void release(void)
{
    free(doc.paras);
    free(doc.sents);
    free(doc.qspans);
    memset(&doc, 0, sizeof doc);
}

#define assert_span(i, want)                                                                     \
    do {                                                                                         \
        ck_assert_uint_lt((i), doc.nqspans);                                                     \
        const ws_qspan *q_ = &doc.qspans[i];                                                     \
        char *s_ = ws_strndup(doc.text + q_->inner.start, q_->inner.end - q_->inner.start);      \
        ck_assert_str_eq(s_, want);                                                              \
        free(s_);                                                                                \
    } while (0)

START_TEST(every_listed_pair)
{
    find("“Curly one,” a. „German two“ b. «French three» c. ‘Single four’ d. "
         "\"Straight five\" e. 'Straight six' f. ``Latex seven'' g. ''Doubled eight''");
    ck_assert_uint_eq(doc.nqspans, 8);
    assert_span(0, "Curly one");
    assert_span(1, "German two");
    assert_span(2, "French three");
    assert_span(3, "Single four");
    assert_span(4, "Straight five");
    assert_span(5, "Straight six");
    assert_span(6, "Latex seven");
    assert_span(7, "Doubled eight");
    release();
}
END_TEST

START_TEST(apostrophes_are_not_marks)
{
    find("Russia's army, Jones' car and the '90s: don't worry, it's O'Brien’s rock 'n' roll.");
    ck_assert_uint_eq(doc.nqspans, 1); /* only 'n' pairs up: a one-word span, dropped later */
    assert_span(0, "n");
    release();
}
END_TEST

START_TEST(nested_quotes_stay_inside)
{
    find("‘He told me “never again” and left,’ she said.");
    ck_assert_uint_eq(doc.nqspans, 1);
    assert_span(0, "He told me “never again” and left");
    release();
}
END_TEST

START_TEST(stray_mark_does_not_swallow)
{
    find("The 6\" pipe burst. \"Water everywhere,\" he said.\n\nA stray “ mark here.\n\nNext para.");
    ck_assert_uint_eq(doc.nqspans, 1);
    assert_span(0, "Water everywhere");
    release();
}
END_TEST

START_TEST(multi_paragraph_quote)
{
    find("“First part of it.\n\n“Second part of it.\n\n“Last part,” she said.\n\nAfter.");
    ck_assert_uint_eq(doc.nqspans, 3);
    ck_assert(doc.qspans[0].open_ended);
    ck_assert(doc.qspans[1].continuation && doc.qspans[1].open_ended);
    ck_assert(doc.qspans[2].continuation && !doc.qspans[2].open_ended);
    assert_span(0, "First part of it.");
    assert_span(2, "Last part");
    release();
}
END_TEST

START_TEST(unclosed_without_reopening_is_dropped)
{
    find("“Never closed here.\n\nPlain paragraph.");
    ck_assert_uint_eq(doc.nqspans, 0);
    release();
}
END_TEST

START_TEST(unbalanced_marks_stay_linear)
{
    /* 20,000 openers and no closer: bounded stack search keeps this fast */
    size_t n = 20000;
    char *t = malloc(n * 4 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(t + 4 * i, "\" a ", 4);
    t[n * 4] = '\0';
    find(t);
    release();
    free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("quotes");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, every_listed_pair);
    tcase_add_test(tc, apostrophes_are_not_marks);
    tcase_add_test(tc, nested_quotes_stay_inside);
    tcase_add_test(tc, stray_mark_does_not_swallow);
    tcase_add_test(tc, multi_paragraph_quote);
    tcase_add_test(tc, unclosed_without_reopening_is_dropped);
    tcase_add_test(tc, unbalanced_marks_stay_linear);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
