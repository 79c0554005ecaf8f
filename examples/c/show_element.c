/* show_element FRAMEWORK.yaml [ID]: print one element of a framework. */
#include <competency.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    cf_framework *fw;
    cf_error err;
    const cf_element *el, *parent;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FRAMEWORK.yaml [ID]\n", argv[0]);
        return 2;
    }
    if (cf_framework_load_file(&fw, argv[1], NULL, &err) != CF_OK) {
        fprintf(stderr, "%s:%zu:%zu: error: %s\n", err.source, err.line,
                err.column, err.message);
        return 1;
    }
    el = argc == 3 ? cf_framework_find(fw, argv[2])
                   : cf_framework_element(fw, 0);
    if (el == NULL) {
        fprintf(stderr, "%s: error: no element %s\n", argv[1],
                argc == 3 ? argv[2] : "at all");
        cf_framework_free(fw);
        return 1;
    }
    parent = cf_element_parent(el);
    printf("framework: %s\n", cf_framework_title(fw));
    printf("id:        %s\n", cf_element_id(el));
    printf("kind:      %s\n", cf_element_kind(el) ? cf_element_kind(el) : "-");
    printf("title:     %s\n", cf_element_title(el));
    printf("parent:    %s\n", parent ? cf_element_id(parent) : "-");
    printf("children:  %zu\n", cf_element_child_count(el));
    cf_framework_free(fw);
    return 0;
}
