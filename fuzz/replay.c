/*
 * Replays files through a fuzz target without libFuzzer, so that ordinary
 * builds (and ctest) run every seed and every regression input:
 *
 *   fuzz_case_replay FILE_OR_DIRECTORY...
 *
 * Directories are read one level deep. Exits 0 when every input ran (a
 * crash or a sanitizer report ends the process instead), 2 on a usage or
 * read error. Prints how many inputs ran.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Reads the whole file at path; NULL (and a message) on failure. */
static unsigned char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t cap = 0;
    *size = 0;
    if (!f) {
        perror(path);
        return NULL;
    }
    for (;;) {
        if (*size == cap) {
            unsigned char *grown = realloc(data, cap ? cap * 2 : 4096);
            if (!grown) {
                free(data);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return NULL;
            }
            data = grown;
            cap = cap ? cap * 2 : 4096;
        }
        size_t n = fread(data + *size, 1, cap - *size, f);
        *size += n;
        if (n == 0)
            break;
    }
    fclose(f);
    return data;
}

static int run_file(const char *path, size_t *count)
{
    size_t size;
    unsigned char *data = read_all(path, &size);
    if (!data)
        return 2;
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    (*count)++;
    return 0;
}

static int run_directory(const char *path, size_t *count)
{
    DIR *dir = opendir(path);
    struct dirent *entry;
    int status = 0;
    if (!dir) {
        perror(path);
        return 2;
    }
    while (status == 0 && (entry = readdir(dir)) != NULL) {
        char child[4096];
        struct stat st;
        if (entry->d_name[0] == '.')
            continue;
        snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
        if (stat(child, &st) == 0 && S_ISREG(st.st_mode))
            status = run_file(child, count);
    }
    closedir(dir);
    return status;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int status = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc && status == 0; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 2;
        }
        status = S_ISDIR(st.st_mode) ? run_directory(argv[i], &count)
                                     : run_file(argv[i], &count);
    }
    if (status == 0)
        printf("%zu passed, 0 failed\n", count);
    return status;
}
