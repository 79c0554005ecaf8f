/* Output files replaced atomically (see atomic_file.h). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath, fchmod, fsync, lstat */
#endif

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ATOMIC_TRIES 100

/* Writes all of data to fd, through short writes and interruptions. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int fail(const char **what, const char *step, int errnum)
{
    *what = step;
    errno = errnum;
    return -1;
}

/* Writes a file that is not a regular one (a device, a pipe) in place. */
static int write_in_place(const char *path, const char *data, size_t len,
                          const char **what)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        return fail(what, "cannot open the file", errno);
    }
    if (write_all(fd, data, len) != 0) {
        int errnum = errno;
        close(fd);
        return fail(what, "cannot write the file", errnum);
    }
    if (close(fd) != 0) {
        return fail(what, "cannot write the file", errno);
    }
    return 0;
}

/* The length of the directory part of path, with its '/'; 0 for none. */
static size_t directory_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? (size_t)(slash - path) + 1 : 0;
}

/*
 * Creates a new file next to path, ".NAME.PID.N.tmp", into *fd and the
 * name into tmp (room for strlen(path) + 64 bytes).
 */
static int create_temporary(const char *path, char *tmp, size_t size, int *fd)
{
    size_t dir = directory_length(path);
    for (int n = 0; n < ATOMIC_TRIES; n++) {
        snprintf(tmp, size, "%.*s.%s.%ld.%d.tmp", (int)dir, path, path + dir,
                 (long)getpid(), n);
        *fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (*fd >= 0 || errno != EEXIST) {
            return *fd >= 0 ? 0 : -1;
        }
    }
    return -1;
}

/* Flushes the directory that holds path, so the rename lasts a crash. */
static void sync_directory(const char *path)
{
    size_t dir = directory_length(path);
    char *name = malloc(dir + 2);
    int fd;
    if (name == NULL) {
        return;
    }
    snprintf(name, dir + 2, "%.*s", (int)dir, dir > 0 ? path : ".");
    fd = open(name, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* best effort: some file systems refuse it */
        close(fd);
    }
    free(name);
}

/* Fills the temporary file, then renames it over path. */
static int fill_and_rename(int fd, const char *tmp, const char *path,
                           const struct stat *old, const char *data, size_t len,
                           const char **what)
{
    const char *step = "cannot write the file";
    int ok = (old == NULL || fchmod(fd, old->st_mode & 07777) == 0) &&
             write_all(fd, data, len) == 0 && fsync(fd) == 0;
    int errnum = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        errnum = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        errnum = errno;
        step = "cannot replace the file";
    }
    if (!ok) {
        unlink(tmp);
        return fail(what, step, errnum);
    }
    sync_directory(path);
    return 0;
}

static int replace_regular(const char *path, const struct stat *old,
                           const char *data, size_t len, const char **what)
{
    size_t size = strlen(path) + 64;
    char *tmp = malloc(size);
    int fd = -1, rc;
    if (tmp == NULL) {
        return fail(what, "cannot write the file", ENOMEM);
    }
    if (create_temporary(path, tmp, size, &fd) != 0) {
        int errnum = errno;
        free(tmp);
        return fail(what, "cannot create the file", errnum);
    }
    rc = fill_and_rename(fd, tmp, path, old, data, len, what);
    free(tmp);
    return rc;
}

int atomic_write_file(const char *path, const char *data, size_t len,
                      const char **what)
{
    struct stat st, link;
    char *real;
    int rc;
    if (stat(path, &st) != 0) {
        return replace_regular(path, NULL, data, len, what);
    }
    if (!S_ISREG(st.st_mode)) {
        return write_in_place(path, data, len, what);
    }
    if (lstat(path, &link) != 0 || !S_ISLNK(link.st_mode)) {
        return replace_regular(path, &st, data, len, what);
    }
    real = realpath(path, NULL); /* replace the file, keep the link */
    if (real == NULL) {
        return fail(what, "cannot resolve the link", errno);
    }
    rc = replace_regular(real, &st, data, len, what);
    free(real);
    return rc;
}
