/*
 * A gap report from start to finish: the worked example of docs/reports.md.
 *
 * Loads a small framework, rates one person, loads the profile of the role
 * they want, analyses the gap, prints a summary for people on standard
 * error and the report as JSON on standard output:
 *
 *   gap_report > report.json
 */
#include <competency.h>
#include <stdio.h>
#include <string.h>

/* A framework of three areas on a five-level scale (0..4). */
static const char framework_yaml[] =
    "framework:\n"
    "  id: front-desk\n"
    "  title: Front desk skills\n"
    "  scales:\n"
    "    - id: proficiency\n"
    "      levels:\n"
    "        - {value: 0, label: None}\n"
    "        - {value: 1, label: Beginning}\n"
    "        - {value: 2, label: Developing}\n"
    "        - {value: 3, label: Proficient}\n"
    "        - {value: 4, label: Expert}\n"
    "      proficient: 3\n"
    "  elements:\n"
    "    - id: SVC\n"
    "      title: Customer service\n"
    "      children:\n"
    "        - {id: SVC.1, title: Greets and helps visitors}\n"
    "        - {id: SVC.2, title: Handles complaints calmly, weight: 3}\n"
    "        - {id: SVC.3, title: Explains library policies}\n"
    "    - id: TEC\n"
    "      title: Technology\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: TEC.1, title: Searches the catalogue}\n"
    "        - {id: TEC.2, title: Helps with the public computers}\n"
    "    - id: OUT\n"
    "      title: Outreach\n";

/* What the role of desk lead requires. */
static const char profile_yaml[] = "profile:\n"
                                   "  id: desk-lead\n"
                                   "  title: Front Desk Lead\n"
                                   "  framework: front-desk\n"
                                   "  targets:\n"
                                   "    SVC: {level: 3, importance: 2}\n"
                                   "    TEC: {level: 2, critical: true}\n"
                                   "    OUT: 2\n";

/* Prints a failure as "source:line:column: error: message". */
static int fail(const cf_error *err)
{
    fprintf(stderr, "%s:%zu:%zu: error: %s\n", err->source, err->line,
            err->column, err->message);
    return 1;
}

/* Rates jdoe's skills; SVC.3 and OUT are not rated. */
static int rate(cf_assessment *a, cf_error *err)
{
    static const char *const ids[] = {"SVC.1", "SVC.2", "TEC.1", "TEC.2"};
    static const double levels[] = {4, 2, 3, 2};

    if (cf_assessment_set_rater(a, "asmith", err) != CF_OK ||
        cf_assessment_set_role(a, "manager", err) != CF_OK ||
        cf_assessment_set_date(a, "2026-11-01", err) != CF_OK)
        return -1;
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (cf_assessment_rate(a, ids[i], levels[i], NULL, err) != CF_OK)
            return -1;
    return 0;
}

int main(void)
{
    cf_framework *fw = NULL;
    cf_assessment *a = NULL;
    cf_profile *p = NULL;
    cf_gap_report *r = NULL;
    char *json = NULL;
    cf_error err;
    int status = 1;

    /* 1. Load the framework, 2. rate, 3. load the profile. */
    if (cf_framework_load_buffer(&fw, framework_yaml, strlen(framework_yaml),
                                 "front-desk.yaml", NULL, &err) != CF_OK ||
        cf_assessment_new(&a, fw, "jdoe", NULL, &err) != CF_OK ||
        rate(a, &err) != 0 ||
        cf_profile_load_buffer(&p, fw, profile_yaml, strlen(profile_yaml),
                               "desk-lead.yaml", NULL, &err) != CF_OK) {
        status = fail(&err);
        goto done;
    }

    /* 4. Analyse: NULL options score with the defaults. */
    if (cf_gap_analyze(&r, a, p, NULL, &err) != CF_OK) {
        status = fail(&err);
        goto done;
    }

    /* 5. Read the result through the accessors... */
    fprintf(stderr, "%s against %s: fit %g, %s\n", cf_assessment_subject(a),
            cf_profile_id(p), cf_gap_report_fit(r),
            cf_gap_report_ready(r) ? "ready" : "not ready");
    for (size_t t = 0; t < cf_gap_report_target_count(r); t++) {
        const char *id = cf_element_id(cf_gap_report_element(r, t));
        cf_status st = cf_gap_report_status(r, t);

        if (st == CF_STATUS_UNASSESSED)
            fprintf(stderr, "  %-4s unassessed, required %g\n", id,
                    cf_gap_report_required(r, t));
        else
            fprintf(stderr, "  %-4s %s, required %g, achieved %g, gap %g\n", id,
                    cf_status_name(st), cf_gap_report_required(r, t),
                    cf_gap_report_achieved(r, t), cf_gap_report_gap(r, t));
    }

    /* ...and 6. as JSON. */
    if (cf_gap_report_to_json(r, CF_JSON_PRETTY, &json, &err) != CF_OK) {
        status = fail(&err);
        goto done;
    }
    printf("%s\n", json);
    status = 0;

done:
    /* 7. Free everything; each free function accepts NULL. */
    cf_string_free(json);
    cf_gap_report_free(r);
    cf_profile_free(p);
    cf_assessment_free(a);
    cf_framework_free(fw);
    return status;
}
