/* The pipeline through the public API: frames, resolution, continuation, output. */
#include <utf8proc.h>

#include "testutil.h"

#define N(r) ws_result_count(r)

START_TEST(quote_comma_mention_said)
{
    ws_result *r = extract("Jane Doe runs the mill. “We will reopen in May,” Doe said.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "We will reopen in May", "Jane Doe", "said");
    ck_assert_int_eq(ws_result_quote(r, 0)->type, WS_DIRECT);
    ws_result_free(r);
}
END_TEST

START_TEST(quote_comma_said_mention)
{
    ws_result *r = extract("\"The bridge is safe again,\" said Mayor Tom Reyes.");
    assert_quote(r, 0, "The bridge is safe again", "Tom Reyes", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(mention_said_colon_quote)
{
    ws_result *r = extract("Coach Dana Pike said: “We were the better side for an hour.”");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "We were the better side for an hour.", "Dana Pike", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(mention_said_that_reported)
{
    ws_result *r = extract("Finance Minister Oskar Lindahl said on Tuesday that the budget would be "
                           "balanced by 2027.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "the budget would be balanced by 2027", "Oskar Lindahl", "said");
    ck_assert_int_eq(ws_result_quote(r, 0)->type, WS_INDIRECT);
    ws_result_free(r);
}
END_TEST

START_TEST(reported_comma_mention_said)
{
    ws_result *r = extract("Russian President Vladimir Putin spoke in Moscow.\n"
                           "The talks will resume next week, Putin said.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "The talks will resume next week", "Vladimir Putin", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(according_to)
{
    ws_result *r = extract("According to the Harbor Authority, the port will reopen on Friday.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "the port will reopen on Friday", "Harbor Authority", "According to");
    ws_result_free(r);
}
END_TEST

START_TEST(told_hearer_that)
{
    ws_result *r = extract("Senator Ruth Okafor told reporters that the vote would be close.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "the vote would be close", "Ruth Okafor", "told");
    ws_result_free(r);
}
END_TEST

START_TEST(said_the_company_is_not_a_hearer)
{
    ws_result *r = extract("Gregor Almqvist said the company expected to save money.");
    assert_quote(r, 0, "the company expected to save money", "Gregor Almqvist", "said");
    ws_result_free(r);
}
END_TEST

/* Two quotations, the second with this text, speaker, cue and rule. */
static void second_of_two(const char *text, const char *quote, const char *speaker,
                          const char *cue, const char *rule)
{
    ws_result *r = extract(text);
    ck_assert_uint_eq(N(r), 2);
    assert_quote(r, 1, quote, speaker, cue);
    ck_assert_str_eq(ws_result_quote(r, 1)->rule, rule);
    ws_result_free(r);
}

START_TEST(continuation_after_quote)
{
    second_of_two("“We are ready,” Lena Fischer said. “Nobody will be left behind.”",
                  "Nobody will be left behind.", "Lena Fischer", NULL, "continuation");
}
END_TEST

START_TEST(split_quote_shares_attribution)
{
    second_of_two("“We are ready,” Lena Fischer said, “and we will stay ready.”",
                  "and we will stay ready.", "Lena Fischer", "said", "split");
}
END_TEST

/* The second half's own "before" frame ("…, he added, “") finds the same cue: still one split
 * quotation, which an evaluation against PolNeAR scores as one content. */
START_TEST(split_quote_with_its_own_frame)
{
    second_of_two("Omar Haddad spoke first. “That,” he added, “will take years.”",
                  "will take years.", "Omar Haddad", "added", "split");
}
END_TEST

/* The dots of "N.C." between the halves end no sentence: still one split quotation. */
START_TEST(split_quote_across_an_abbreviation)
{
    second_of_two("“We will win,” Dana Reyes said at a rally in Kenansville, N.C., "
                  "“and we will win big.”",
                  "and we will win big.", "Dana Reyes", "said", "split");
}
END_TEST

START_TEST(pronoun_takes_most_recent_compatible_person)
{
    ws_result *r = extract("Maria Lopez met John Carter on Monday. “It went well,” she said. "
                           "“It did not,” he said.");
    ck_assert_uint_eq(N(r), 2);
    assert_quote(r, 0, "It went well", "Maria Lopez", "said");
    assert_quote(r, 1, "It did not", "John Carter", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(description_resolves_by_role_and_nation)
{
    ws_result *r = extract("Russian President Vladimir Putin met Chinese leader Xi Jinping.\n"
                           "“We value this friendship,” Russia's president said.");
    assert_quote(r, 0, "We value this friendship", "Vladimir Putin", "said");
    ws_result_free(r);
}
END_TEST

/* "raised her eyebrows and said": a conjunction ends no description, so "her eyebrows and" is
 * not the speaker's mention (a PolNeAR sentence gave "the United States and"). */
START_TEST(description_never_ends_in_a_conjunction)
{
    ws_result *r =
        extract("Last week, when I asked Rhea Lund if she would back the mayor, she looked "
                "into my camera, raised her eyebrows and said, \"I will back YOU!\"");
    for (size_t i = 0; i < N(r); i++) {
        const ws_quote *q = ws_result_quote(r, i);
        if (q->mention.byte_end == WS_NO_OFFSET)
            continue;
        const char *end = ws_result_text(r, NULL) + q->mention.byte_end;
        ck_assert_msg(q->mention.byte_end - q->mention.byte_start < 4 || memcmp(end - 4, " and", 4),
                      "mention ends in a conjunction");
    }
    ws_result_free(r);
}
END_TEST

/* A byte of a character is no space: "Š" is C5 A0 and "à" C3 A0, and A0 read alone as a code
 * point is a no-break space. Names were cut inside them ("imková"), and lines were invalid
 * UTF-8; a real no-break space still separates words. */
START_TEST(names_are_not_cut_inside_a_character)
{
    ws_result *r = extract("Kateřina Šimková, the mayor of Brno, said the trams would run again."
                           " “It is done,” Šimková said. Nicolàs\u00a0Ferrà said nothing of it.");
    ck_assert_uint_ge(N(r), 2);
    assert_quote(r, 0, "the trams would run again", "Kateřina Šimková", "said");
    assert_quote(r, 1, "It is done", "Kateřina Šimková", "said");
    char *json = ws_result_to_jsonl(r, "doc", 0);
    ck_assert_ptr_nonnull(json);
    size_t n = strlen(json);
    for (size_t i = 0; i < n;) { /* every line is valid UTF-8 */
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)json + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        ck_assert_int_gt(k, 0);
        i += (size_t)k;
    }
    free(json);
    ws_result_free(r);
}
END_TEST

START_TEST(unnamed_source_has_no_speaker)
{
    ws_result *r = extract("The plant will close for a month, a source close to the company said.");
    ck_assert_uint_eq(N(r), 1);
    assert_quote(r, 0, "The plant will close for a month", NULL, "said");
    ws_result_free(r);
}
END_TEST

START_TEST(spokesperson_for_organization)
{
    ws_result *r = extract("“We are deeply sorry,” a spokeswoman for Brennock Dairies said.");
    assert_quote(r, 0, "We are deeply sorry", "Brennock Dairies", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(scare_quotes_and_titles_are_not_quotations)
{
    ws_result *r = extract("The so-called “reform” failed. The film “Night Of The Long Knives Again” "
                           "opened. Tom “The Hammer” Reyes won.");
    ck_assert_uint_eq(N(r), 0);
    ws_result_free(r);
}
END_TEST

START_TEST(mixed_quotation)
{
    ws_result *r = extract("Elke Sandvoss said the bank was “paying for its own optimism” after two "
                           "years of bad forecasts.");
    ck_assert_uint_eq(N(r), 1);
    ck_assert_int_eq(ws_result_quote(r, 0)->type, WS_MIXED);
    assert_quote(r, 0,
                 "the bank was “paying for its own optimism” after two years of bad forecasts",
                 "Elke Sandvoss", "said");
    ws_result_free(r);
}
END_TEST

START_TEST(headlines_give_nothing)
{
    ws_result *r = extract("North Korea Officially Announces Sending Troops to Russia\n"
                           "Body text without quotes.");
    ck_assert_uint_eq(N(r), 0);
    ws_result_free(r);
}
END_TEST

START_TEST(multi_paragraph_quote_keeps_its_speaker)
{
    ws_result *r = extract("“The first part of what I have to say,” Ana Silva said. “And more.\n\n"
                           "“The second part, which is longer than the first.”\n\nAfter that.");
    ck_assert_uint_eq(N(r), 3);
    assert_quote(r, 2, "The second part, which is longer than the first.", "Ana Silva", NULL);
    ws_result_free(r);
}
END_TEST

START_TEST(offsets_are_code_points)
{
    const char *t = "Ré — “Déjà vu again,” Zoë Kraus said.";
    ws_result *r = extract(t);
    const ws_quote *q = ws_result_quote(r, 0);
    ck_assert_ptr_nonnull(q);
    ck_assert_uint_eq(q->content.start, 6); /* R é space — space “ */
    ck_assert_uint_eq(q->content.end, 6 + 13);
    ck_assert_uint_eq(q->mention.start, 22);
    ws_result_free(r);
}
END_TEST

START_TEST(jsonl_escapes_and_keys)
{
    const char *t = "“Say \\\"hi\\\"\tnow, please,” Ana Silva said.";
    ws_result *r = extract(t);
    char *j = ws_result_to_jsonl(r, "doc\"1", 0);
    ck_assert_ptr_nonnull(j);
    ck_assert_ptr_nonnull(strstr(j, "{\"doc\":\"doc\\\"1\",\"quote\":\"Say \\\\\\\"hi\\\\\\\"\\tnow, please\""));
    ck_assert_ptr_nonnull(strstr(j, "\"type\":\"direct\",\"speaker\":\"Ana Silva\",\"mention\":\"Ana Silva\""));
    ck_assert_ptr_nonnull(strstr(j, "\"rule\":\"quote_mention_cue\"}\n"));
    ck_assert_ptr_null(strstr(j, "explain"));
    free(j);
    j = ws_result_to_jsonl(r, "d", WS_JSON_EXPLAIN);
    ck_assert_ptr_nonnull(strstr(j, "\"explain\":\"rule quote_mention_cue; "));
    free(j);
    ws_result_free(r);
}
END_TEST

START_TEST(invalid_utf8_names_the_byte)
{
    ws_result *r = NULL;
    ws_error err;
    const char t[] = "“Good \xC0\xAF start,” he said.";
    ck_assert_int_eq(ws_extract(test_engine, t, sizeof t - 1, &r, &err), WS_ERR_UTF8);
    ck_assert_uint_eq(err.pos, 8);
    ck_assert_ptr_null(r);
}
END_TEST

START_TEST(nul_bytes_and_bom)
{
    const char t[] = "\xEF\xBB\xBF“A quote with a \0 byte inside it,” Ana Silva said.";
    ws_result *r = NULL;
    ws_error err;
    ck_assert_int_eq(ws_extract(test_engine, t, sizeof t - 1, &r, &err), 0);
    ck_assert_uint_eq(ws_result_count(r), 1);
    ck_assert_uint_eq(ws_result_quote(r, 0)->content.start, 2); /* BOM is one code point */
    char *j = ws_result_to_jsonl(r, "d", 0);
    ck_assert_ptr_nonnull(strstr(j, "\\u0000"));
    free(j);
    ws_result_free(r);
}
END_TEST

START_TEST(empty_input_and_bad_arguments)
{
    ws_result *r = NULL;
    ws_error err;
    ck_assert_int_eq(ws_extract(test_engine, "", 0, &r, &err), 0);
    ck_assert_uint_eq(ws_result_count(r), 0);
    char *j = ws_result_to_jsonl(r, "d", 0);
    ck_assert_str_eq(j, "");
    free(j);
    ws_result_free(r);
    ck_assert_int_eq(ws_extract(NULL, "x", 1, &r, &err), WS_ERR_ARGUMENT);
    ck_assert_ptr_null(ws_result_quote(NULL, 0));
    ck_assert_str_eq(ws_version(), WS_VERSION_STRING);
}
END_TEST

/* One context over many documents, a failing one among them, gives what a fresh one gives. */
START_TEST(context_reused_across_documents)
{
    static const char *const docs[] = {
        "“We will reopen in May,” Jane Doe said.",
        "Finance Minister Oskar Lindahl said on Tuesday that the budget would be balanced.",
        "“Good \xC0\xAF start,” he said.",
        "",
        "Russian President Vladimir Putin spoke. The talks will resume next week, Putin said.",
        "“We will reopen in May,” Jane Doe said.",
    };
    ws_context *ctx = NULL;
    ws_error err;
    ck_assert_int_eq(ws_context_new(test_engine, &ctx, &err), 0);
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        ws_result *a = NULL, *b = NULL;
        ws_error ea, eb;
        int ra = ws_extract(test_engine, docs[i], strlen(docs[i]), &a, &ea);
        int rb = ws_extract_with(ctx, docs[i], strlen(docs[i]), &b, &eb);
        ck_assert_int_eq(ra, rb);
        ck_assert_str_eq(ea.msg, eb.msg);
        if (ra == 0) {
            char *ja = ws_result_to_jsonl(a, "d", WS_JSON_EXPLAIN);
            char *jb = ws_result_to_jsonl(b, "d", WS_JSON_EXPLAIN);
            ck_assert_str_eq(ja, jb);
            free(ja);
            free(jb);
        }
        ws_result_free(a);
        ws_result_free(b);
    }
    ws_context_free(ctx);
    ws_result *r = NULL;
    ck_assert_int_eq(ws_context_new(NULL, &ctx, &err), WS_ERR_ARGUMENT);
    ck_assert_int_eq(ws_extract_with(NULL, "x", 1, &r, &err), WS_ERR_ARGUMENT);
    ws_context_free(NULL);
}
END_TEST

/* Streamed lines are the lines ws_result_to_jsonl() returns, over many write chunks too. */
START_TEST(write_jsonl_streams_the_same_lines)
{
    const char para[] = "“We will reopen the mill in May, and \"soon\",” Jane Doe said.\n\n";
    size_t n = 3000, len = n * (sizeof para - 1);
    char *text = malloc(len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * (sizeof para - 1), para, sizeof para - 1);
    ws_result *r = NULL;
    ws_error err;
    ck_assert_int_eq(ws_extract(test_engine, text, len, &r, &err), 0);
    ck_assert_uint_eq(ws_result_count(r), n);
    char *want = ws_result_to_jsonl(r, "a \"doc\"", WS_JSON_EXPLAIN);
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ws_result_write_jsonl(r, "a \"doc\"", WS_JSON_EXPLAIN, f), 0);
    size_t got_len = (size_t)ftell(f), want_len = strlen(want);
    ck_assert_uint_gt(want_len, 4 * 64 * 1024);
    ck_assert_uint_eq(got_len, want_len);
    char *got = malloc(got_len + 1);
    rewind(f);
    ck_assert_uint_eq(fread(got, 1, got_len, f), got_len);
    ck_assert_int_eq(memcmp(got, want, want_len), 0);
    fclose(f);
    free(got);
    free(want);
    ws_result_free(r);
    free(text);
    ck_assert_int_eq(ws_result_write_jsonl(NULL, "d", 0, NULL), WS_ERR_ARGUMENT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("frames");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, quote_comma_mention_said);
    tcase_add_test(tc, context_reused_across_documents);
    tcase_add_test(tc, write_jsonl_streams_the_same_lines);
    tcase_add_test(tc, quote_comma_said_mention);
    tcase_add_test(tc, mention_said_colon_quote);
    tcase_add_test(tc, mention_said_that_reported);
    tcase_add_test(tc, reported_comma_mention_said);
    tcase_add_test(tc, according_to);
    tcase_add_test(tc, told_hearer_that);
    tcase_add_test(tc, said_the_company_is_not_a_hearer);
    tcase_add_test(tc, continuation_after_quote);
    tcase_add_test(tc, split_quote_shares_attribution);
    tcase_add_test(tc, split_quote_with_its_own_frame);
    tcase_add_test(tc, split_quote_across_an_abbreviation);
    tcase_add_test(tc, mixed_quotation);
    tcase_add_test(tc, headlines_give_nothing);
    suite_add_tcase(s, tc);
    tc = tcase_create("resolution");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, pronoun_takes_most_recent_compatible_person);
    tcase_add_test(tc, description_resolves_by_role_and_nation);
    tcase_add_test(tc, description_never_ends_in_a_conjunction);
    tcase_add_test(tc, names_are_not_cut_inside_a_character);
    tcase_add_test(tc, unnamed_source_has_no_speaker);
    tcase_add_test(tc, spokesperson_for_organization);
    tcase_add_test(tc, scare_quotes_and_titles_are_not_quotations);
    tcase_add_test(tc, multi_paragraph_quote_keeps_its_speaker);
    suite_add_tcase(s, tc);
    tc = tcase_create("output");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, offsets_are_code_points);
    tcase_add_test(tc, jsonl_escapes_and_keys);
    tcase_add_test(tc, invalid_utf8_names_the_byte);
    tcase_add_test(tc, nul_bytes_and_bom);
    tcase_add_test(tc, empty_input_and_bad_arguments);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
