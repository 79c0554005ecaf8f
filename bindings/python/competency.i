/*
 * The Python extension of the competency package: the low-level module
 * competency._competency (SWIG proxy classes over the C handles), which the
 * package's __init__.py turns into the public, idiomatic API. Scripts use
 * the package, never this module.
 */
%module(package="competency") _competency

%include "../common.i"

/*
 * competency.Error, the exception every failing call raises: the package
 * registers its class here when it is imported (ValueError until then).
 */
%rename(_set_error_class) cfb_python_set_error_class;
%inline %{
static void cfb_python_set_error_class(PyObject *cls)
{
    Py_XINCREF(cls);
    Py_XSETREF(cfb_error_class, cls);
}
%}
