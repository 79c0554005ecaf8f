/*
 * Writing an output file whole or not at all: the data goes to a new file
 * in the same directory, is flushed to the disk, then renamed over the
 * target, so a reader never sees half a report and a failed run leaves the
 * old file as it was.
 */
#ifndef CLI_ATOMIC_FILE_H
#define CLI_ATOMIC_FILE_H

#include <stddef.h>

/*
 * Replaces the file at path with the len bytes at data. A new file gets
 * the usual permissions (0666 less the umask), a replaced one keeps its
 * own; a symbolic link is followed. A target that exists but is not a
 * regular file (/dev/null, a pipe) is written in place. Returns 0, or -1
 * with errno set and *what saying which step failed ("cannot create the
 * file", ...).
 */
int atomic_write_file(const char *path, const char *data, size_t len,
                      const char **what);

#endif /* CLI_ATOMIC_FILE_H */
