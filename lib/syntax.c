/* The lexical rules of the format: numbers and ids. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <locale.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s[0..n) is one of the spellings in the NULL-terminated list. */
static int is_one_of(const char *s, size_t n, const char *const *spellings)
{
    for (; *spellings; spellings++)
        if (strlen(*spellings) == n && memcmp(s, *spellings, n) == 0)
            return 1;
    return 0;
}

/* Powers of ten that a double holds exactly. */
static const double exact_powers[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The decimal syntax: [+-]? (digits [. digits?] | . digits) ([eE] [+-]?
 * digits)?. Fills the digits as an integer mantissa and a power of ten
 * when they fit exactly; returns 0 when s is not of that syntax.
 */
typedef struct decimal {
    uint64_t mantissa;
    int exact; /* mantissa holds every digit */
    long exponent;
    int negative;
    int leading_zero;
} decimal;

static size_t scan_digits(const char *s, size_t i, size_t n, decimal *d,
                          int after_point)
{
    for (; i < n && is_digit(s[i]); i++) {
        if (d->mantissa > (UINT64_C(1) << 53) / 10) {
            d->exact = 0;
            continue;
        }
        d->mantissa = d->mantissa * 10 + (uint64_t)(s[i] - '0');
        if (after_point)
            d->exponent--;
    }
    return i;
}

static int scan_decimal(const char *s, size_t n, decimal *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    d->exact = 1;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        d->negative = s[i++] == '-';
    size_t int_start = i;
    i = scan_digits(s, i, n, d, 0);
    size_t int_digits = i - int_start;
    /* YAML 1.1 reads 010 as octal: refuse the ambiguity. */
    d->leading_zero = int_digits > 1 && s[int_start] == '0';
    size_t frac_digits = 0;
    if (i < n && s[i] == '.') {
        size_t frac_start = ++i;
        i = scan_digits(s, i, n, d, 1);
        frac_digits = i - frac_start;
    }
    if (int_digits + frac_digits == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int exp_negative = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            exp_negative = s[i++] == '-';
        if (i == n || !is_digit(s[i]))
            return 0;
        long e = 0;
        for (; i < n && is_digit(s[i]); i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        d->exponent += exp_negative ? -e : e;
    }
    return i == n;
}

/*
 * strtod in the "C" locale whatever the program's locale is (a host that
 * set LC_NUMERIC to a comma locale must not change what "0.5" means). Only
 * this thread's locale changes, and only for the call. Returns 0 when the
 * locale cannot be made (out of memory) or the text is too long.
 */
static int c_strtod(const char *s, size_t n, double *out)
{
    char text[128];
    if (n >= sizeof text)
        return 0;
    memcpy(text, s, n);
    text[n] = '\0';
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0)
        return 0;
    locale_t previous = uselocale(c_locale);
    *out = strtod(text, NULL);
    uselocale(previous);
    freelocale(c_locale);
    return 1;
}

cfi_number_kind cfi_parse_number(const char *s, size_t n, double *out)
{
    static const char *const infinities[] = {".inf",  ".Inf",  ".INF",  "+.inf",
                                             "+.Inf", "+.INF", "-.inf", "-.Inf",
                                             "-.INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
    /* Every such spelling ends with '.' and three letters: most numbers
     * need not be compared with the lists. */
    int special = n >= 4 && s[n - 4] == '.';
    if (special && is_one_of(s, n, infinities))
        return CFI_NUMBER_INFINITE;
    if (special && is_one_of(s, n, nans))
        return CFI_NUMBER_NAN;
    decimal d;
    if (!scan_decimal(s, n, &d))
        return CFI_NUMBER_INVALID;
    if (d.leading_zero)
        return CFI_NUMBER_LEADING_ZERO;
    double value;
    long max_power = (long)(sizeof exact_powers / sizeof exact_powers[0]) - 1;
    if (d.exact && d.exponent >= -max_power && d.exponent <= max_power) {
        /* Both operands are exact, so one rounding: the correct result. */
        value = (double)d.mantissa;
        value = d.exponent < 0 ? value / exact_powers[-d.exponent]
                               : value * exact_powers[d.exponent];
        if (d.negative)
            value = -value;
    } else {
        if (!c_strtod(s, n, &value))
            return CFI_NUMBER_INVALID;
    }
    *out = value;
    return isfinite(value) ? CFI_NUMBER_FINITE : CFI_NUMBER_INFINITE;
}

static int is_id_start(char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int cfi_is_valid_id(const char *s, size_t n)
{
    if (n == 0 || !is_id_start(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!is_id_start(s[i]) && !memchr("._:-", s[i], 4))
            return 0;
    return 1;
}

/* Replaces the locale's decimal separator, whatever its bytes, by '.'. */
static void use_decimal_point(char *s)
{
    char *out = s;
    for (const char *p = s; *p;) {
        if (is_digit(*p) || strchr("+-eEinfa", *p)) {
            *out++ = *p++;
            continue;
        }
        *out++ = '.';
        while (*p && !is_digit(*p) && !strchr("+-eEinfa", *p))
            p++;
    }
    *out = '\0';
}

void cfi_format_number(char *buf, size_t size, double v, int digits)
{
    if (digits > 0) {
        snprintf(buf, size, "%.*g", digits, v);
        use_decimal_point(buf);
        return;
    }
    for (digits = 15; digits <= 17; digits++) {
        double back;
        snprintf(buf, size, "%.*g", digits, v);
        use_decimal_point(buf);
        if (cfi_parse_number(buf, strlen(buf), &back) == CFI_NUMBER_FINITE &&
            back == v)
            return;
    }
}
