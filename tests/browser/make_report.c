/*
 * Writes the HTML reports that tests/browser/test_html_browser.py renders
 * in a browser: a team report and a gap report (one section per person)
 * for a small fictional team rated against the SOLS framework, with the
 * profile and the assessments given here.
 *
 *   make_report FRAMEWORK OUTDIR
 *
 * writes OUTDIR/team.html, OUTDIR/gap.html and OUTDIR/expect.txt, which
 * says what the pages must show, from the library's own numbers:
 *
 *   targets CR.1 CR.1.1 ...     the profile's targets, in order
 *   people 5                    how many people (heat map rows)
 *   priorities 17               gap bars over all the gap sections
 *   single_points 2             targets met by at most one person
 *
 * Exit status 0, or 1 with a message on standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"

static const char profile_yaml[] =
    "profile:\n"
    "  id: outreach-lead\n"
    "  title: Outreach Lead\n"
    "  framework: sols-community-relations\n"
    "  targets:\n"
    "    CR.1: {level: 3, importance: 2}\n"
    "    CR.1.1: {level: 3, importance: 3, critical: true}\n"
    "    CR.2: {level: 3, importance: 2}\n"
    "    CR.3: 3\n"
    "    CR.4: 2\n"
    "    CR.5: 3\n"
    "    CR.6: {level: 3, importance: 3, critical: true}\n"
    "    CR.6.3: {level: 4, importance: 2}\n";

/* Fictional people; Sam's name has an apostrophe for the escaping. */
static const char assessments_yaml[] =
    "assessment:\n"
    "  subject: Ines Marlowe\n"
    "  rater: Dana Quire\n"
    "  role: manager\n"
    "  date: 2026-03-02\n"
    "  ratings: {CR.1.1: 4, CR.1.2: 3, CR.1.4: 4, CR.2.1: 3, CR.2.3: 4,\n"
    "            CR.2.7: 3, CR.3: 3, CR.4.1: 3, CR.4.7: 2, CR.5.1: 3,\n"
    "            CR.5.3: 4, CR.6.1: 4, CR.6.2: 3, CR.6.3: 4, CR.6.5: 3}\n"
    "---\n"
    "assessment:\n"
    "  subject: Kofi Mensah\n"
    "  rater: Dana Quire\n"
    "  role: manager\n"
    "  date: 2026-03-04\n"
    "  ratings: {CR.1.1: 3, CR.1.2: 2, CR.2.1: 2, CR.2.3: 3, CR.3: 2,\n"
    "            CR.4.1: 2, CR.5.1: 2, CR.5.3: 3, CR.6.1: 3, CR.6.3: 3}\n"
    "---\n"
    "assessment:\n"
    "  subject: Lena Fischer\n"
    "  rater: Dana Quire\n"
    "  role: manager\n"
    "  date: 2026-03-05\n"
    "  ratings: {CR.1.1: 2, CR.1.4: 2, CR.2.1: 3, CR.2.3: 3, CR.3: 4,\n"
    "            CR.4.1: 1, CR.4.7: 2, CR.6.1: 2, CR.6.2: 2, CR.6.3: 2}\n"
    "---\n"
    "assessment:\n"
    "  subject: Ravi Patel\n"
    "  rater: Dana Quire\n"
    "  role: manager\n"
    "  date: 2026-03-09\n"
    "  ratings: {CR.1.1: 3, CR.1.2: 3, CR.2.1: 4, CR.2.3: 4, CR.2.7: 4,\n"
    "            CR.3: 3, CR.4.1: 3, CR.5.1: 3, CR.5.3: 3, CR.6.1: 3,\n"
    "            CR.6.3: 3}\n"
    "---\n"
    "assessment:\n"
    "  subject: Sam O'Neill\n"
    "  rater: Dana Quire\n"
    "  role: manager\n"
    "  date: 2026-03-11\n"
    "  ratings: {CR.1.1: 1, CR.1.2: 2, CR.2.1: 1, CR.2.3: 2, CR.3: 1,\n"
    "            CR.4.1: 2, CR.5.1: 1, CR.6.1: 2}\n";

static int failed(const char *what, const cf_error *err)
{
    fprintf(stderr, "make_report: %s: %s:%zu:%zu: %s\n", what, err->source,
            err->line, err->column, err->message);
    return 1;
}

/* Writes text to dir/name; 0, or 1 with a message. */
static int write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        fprintf(stderr, "make_report: path too long\n");
        return 1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t len = strlen(text);
    int bad = fwrite(text, 1, len, f) != len;
    bad |= fclose(f) != 0;
    if (bad)
        perror(path);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_report FRAMEWORK OUTDIR\n");
        return 2;
    }
    const char *dir = argv[2];
    cf_framework *fw = NULL;
    cf_profile *profile = NULL;
    cf_assessment_list *list = NULL;
    cf_team_report *team = NULL;
    cf_gap_report **gaps = NULL;
    char *team_html = NULL, *gap_html = NULL;
    cf_error err;
    int status = 1;

    memset(&err, 0, sizeof err);
    if (cf_framework_load_file(&fw, argv[1], NULL, &err) != CF_OK) {
        status = failed("framework", &err);
        goto done;
    }
    if (cf_profile_load_buffer(&profile, fw, profile_yaml, strlen(profile_yaml),
                               "profile", NULL, &err) != CF_OK) {
        status = failed("profile", &err);
        goto done;
    }
    if (cf_assessment_list_load_buffer(&list, fw, assessments_yaml,
                                       strlen(assessments_yaml), "assessments",
                                       CF_FORMAT_YAML, NULL, &err) != CF_OK) {
        status = failed("assessments", &err);
        goto done;
    }

    size_t people = cf_assessment_list_count(list);
    const cf_assessment **items = calloc(people, sizeof *items);
    gaps = calloc(people, sizeof *gaps);
    if (!items || !gaps) {
        free(items);
        fprintf(stderr, "make_report: out of memory\n");
        goto done;
    }
    for (size_t i = 0; i < people; i++)
        items[i] = cf_assessment_list_get(list, i);
    int rc = cf_team_analyze(&team, items, people, profile, NULL, &err);
    free(items);
    if (rc != CF_OK) {
        status = failed("team", &err);
        goto done;
    }

    size_t priorities = 0;
    for (size_t i = 0; i < people; i++) {
        if (cf_gap_analyze(&gaps[i], cf_assessment_list_get(list, i), profile,
                           NULL, &err) != CF_OK) {
            status = failed("gap", &err);
            goto done;
        }
        priorities += cf_gap_report_priority_count(gaps[i]);
    }

    cf_render_options opts = CF_RENDER_OPTIONS_INIT;
    opts.format = CF_REPORT_HTML;
    if (cf_team_report_render(team, &opts, &team_html, &err) != CF_OK) {
        status = failed("team report", &err);
        goto done;
    }
    if (cf_gap_report_render((const cf_gap_report *const *)gaps, people, &opts,
                             &gap_html, &err) != CF_OK) {
        status = failed("gap report", &err);
        goto done;
    }

    char expect[2048];
    size_t used = 0, single_points = 0;
    used += (size_t)snprintf(expect, sizeof expect, "targets");
    for (size_t t = 0; t < cf_team_report_target_count(team); t++) {
        used +=
            (size_t)snprintf(expect + used, sizeof expect - used, " %s",
                             cf_element_id(cf_team_report_element(team, t)));
        single_points += cf_team_report_single_point(team, t) != 0;
        if (used >= sizeof expect) {
            fprintf(stderr, "make_report: too many targets\n");
            goto done;
        }
    }
    snprintf(expect + used, sizeof expect - used,
             "\npeople %zu\npriorities %zu\nsingle_points %zu\n", people,
             priorities, single_points);

    if (write_file(dir, "team.html", team_html) ||
        write_file(dir, "gap.html", gap_html) ||
        write_file(dir, "expect.txt", expect))
        goto done;
    status = 0;

done:
    cf_string_free(team_html);
    cf_string_free(gap_html);
    if (gaps) {
        for (size_t i = 0; i < cf_assessment_list_count(list); i++)
            cf_gap_report_free(gaps[i]);
        free(gaps);
    }
    cf_team_report_free(team);
    cf_assessment_list_free(list);
    cf_profile_free(profile);
    cf_framework_free(fw);
    return status;
}
