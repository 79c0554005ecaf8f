"""The package's public surface: docstrings everywhere, and a type stub
(competency/__init__.pyi) that matches the code."""

import ast
import inspect
import pathlib
import pydoc
import unittest

import competency

STUB = pathlib.Path(competency.__file__).with_name("__init__.pyi")


def public_members(cls):
    """The public methods and properties a class defines itself."""
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, (classmethod, staticmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            yield name, value


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"), filename=str(STUB))


def stub_names(body):
    """Names a stub module or class body defines, with their defs (a list
    of the defs for an overloaded function)."""
    found = {}
    for node in body:
        if isinstance(node, ast.FunctionDef):
            found.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            found[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node
    return found


class DocstringTest(unittest.TestCase):
    def test_every_public_class_function_and_member_has_one(self):
        self.assertTrue(competency.__doc__.strip())
        for name in competency.__all__:
            obj = getattr(competency, name)
            with self.subTest(name=name):
                self.assertTrue((obj.__doc__ or "").strip(), name)
            if inspect.isclass(obj):
                for member, value in public_members(obj):
                    with self.subTest(name=f"{name}.{member}"):
                        self.assertTrue((value.__doc__ or "").strip())

    def test_help_is_useful(self):
        text = pydoc.render_doc(competency.Framework, renderer=pydoc.plaintext)
        for words in (
            "Framework.load(path)",
            "pre-order",
            'fw["CR.1.1"]',
            "load(path)",
            "Loads the framework in the YAML file",
            "loads(text, source",
            "KeyError",
            "__iter__(self)\n |      The elements, in pre-order",
        ):
            self.assertIn(words, text)
        error = pydoc.render_doc(competency.Error, renderer=pydoc.plaintext)
        self.assertIn('"source:line:column: message"', error)
        self.assertIn("ValueError", error)


class StubTest(unittest.TestCase):
    def setUp(self):
        self.stub = stub_names(stub_tree().body)

    def test_stub_is_installed_with_the_package(self):
        self.assertTrue(STUB.is_file())
        self.assertTrue(STUB.with_name("py.typed").is_file())

    def test_every_public_name_is_in_the_stub(self):
        for name in competency.__all__ + ["__version__"]:
            with self.subTest(name=name):
                self.assertIn(name, self.stub)

    def test_classes_and_signatures_match(self):
        for name in competency.__all__:
            obj = getattr(competency, name)
            node = self.stub[name]
            if inspect.isfunction(obj):
                self.assertSignature(name, obj, node)
                continue
            members = stub_names(node.body)
            if issubclass(obj, tuple):  # a NamedTuple: the same fields
                self.assertEqual(list(obj._fields), list(members), name)
                continue
            inherited = {}
            for base in node.bases:
                if isinstance(base, ast.Name) and base.id in self.stub:
                    inherited.update(stub_names(self.stub[base.id].body))
            for member, value in public_members(obj):
                with self.subTest(name=f"{name}.{member}"):
                    self.assertIn(member, {**inherited, **members})
                    stub_def = members.get(member, inherited.get(member))
                    if inspect.isfunction(value) and isinstance(stub_def, list):
                        self.assertSignature(f"{name}.{member}", value, stub_def)
            if "__init__" in vars(obj) and "__init__" in members:
                self.assertSignature(
                    f"{name}.__init__", obj.__init__, members["__init__"]
                )

    def assertSignature(self, name, func, defs):
        """The stub's def, or one of its overloads, has the same parameter
        names, kinds and defaults (present or not); every overload has the
        same names and kinds."""
        real = [
            (p.name, p.kind, p.default is not p.empty)
            for p in inspect.signature(func).parameters.values()
        ]
        stubs = [self.stub_signature(node, real) for node in defs]
        for stub in stubs:
            self.assertEqual([p[:2] for p in real], [p[:2] for p in stub], name)
        self.assertIn(real, stubs, name)

    @staticmethod
    def stub_signature(node, real):
        args = node.args
        positional = args.posonlyargs + args.args
        defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(
            args.defaults
        )
        stub = [
            (a.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD, d)
            for a, d in zip(positional, defaults)
        ]
        if args.vararg:
            stub.append((args.vararg.arg, inspect.Parameter.VAR_POSITIONAL, False))
        stub += [
            (a.arg, inspect.Parameter.KEYWORD_ONLY, d is not None)
            for a, d in zip(args.kwonlyargs, args.kw_defaults)
        ]
        if args.kwarg:
            stub.append((args.kwarg.arg, inspect.Parameter.VAR_KEYWORD, False))
        if (
            stub
            and stub[0][0] in ("self", "cls")
            and (not real or real[0][0] != stub[0][0])
        ):
            stub = stub[1:]
        return stub


if __name__ == "__main__":
    unittest.main()
