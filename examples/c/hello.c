#include <competency.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    const char *path =
        argc > 1 ? argv[1] : "frameworks/sols-community-relations.yaml";
    cf_framework *fw;
    cf_error err;

    if (cf_framework_load_file(&fw, path, NULL, &err) != CF_OK) {
        fprintf(stderr, "%s:%zu:%zu: error: %s\n", err.source, err.line,
                err.column, err.message);
        return 1;
    }
    const cf_element *el = cf_framework_find(fw, "CR.1.1");
    printf("%s\n", el ? cf_element_title(el) : "CR.1.1 not found");
    cf_framework_free(fw);
    return el ? 0 : 1;
}
