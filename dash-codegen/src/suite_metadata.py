"""Writes a component suite's metadata.json, in the form Dash's own libraries ship it (the
react-docgen shape dash-codegen reads), from the Python classes of a wheel that ships none
(dash-bootstrap-components, dash-mantine-components): each class's `_type`, its
`_prop_names`, the type annotations of its `__init__` (TypedDicts included), and each
prop's description from the class's docstring.

Usage: python3 suite_metadata.py <unpacked package folder> <namespace> > metadata.json
(dash-codegen runs it, embedded, for a package with no metadata.json: see
`dash_codegen::suite::metadata_of`).

The classes are read with `ast`, never imported: the wheel's Python code does not run.
"""
import ast
import json
import re
import pathlib
import sys

NUMBER = {"NumberType", "int", "float", "SupportsFloat", "SupportsInt", "SupportsComplex"}


def dotted(node):
    """`typing.Optional` as "Optional", `str` as "str"."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


class Converter:
    def __init__(self, typed_dicts):
        self.typed_dicts = typed_dicts

    def convert(self, node, depth=0):
        """(type, required) of an annotation."""
        if depth > 20:
            return {"name": "any"}, False
        if isinstance(node, ast.Constant) and node.value is None:
            return None, False
        if isinstance(node, ast.Subscript):
            head = dotted(node.value)
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if head == "Optional":
                inner, _ = self.convert(args[0], depth + 1)
                return inner, False
            if head == "NotRequired":
                inner, _ = self.convert(args[0], depth + 1)
                return inner, False
            if head == "Required":
                inner, _ = self.convert(args[0], depth + 1)
                return inner, True
            if head == "Union":
                members = []
                for arg in args:
                    member, _ = self.convert(arg, depth + 1)
                    if member is not None and member not in members:
                        members.append(member)
                if not members:
                    return {"name": "any"}, False
                if len(members) == 1:
                    return members[0], True
                if all(m["name"] == "number" for m in members):
                    return {"name": "number"}, True
                return {"name": "union", "value": members}, True
            if head == "Literal":
                values = []
                for arg in args:
                    if isinstance(arg, ast.Constant):
                        values.append({"value": json.dumps(arg.value).replace('"', "'")
                                       if isinstance(arg.value, str) else json.dumps(arg.value),
                                       "computed": False})
                return {"name": "enum", "value": values}, True
            if head in ("Sequence", "List", "Tuple", "Iterable"):
                inner, _ = self.convert(args[0], depth + 1)
                return {"name": "arrayOf", "value": inner or {"name": "any"}}, True
            if head in ("Dict", "Mapping"):
                inner, _ = self.convert(args[-1], depth + 1)
                return {"name": "objectOf", "value": inner or {"name": "any"}}, True
            if head in ("Callable", "Type"):
                return {"name": "func"}, True
            return {"name": "any"}, True
        name = dotted(node)
        if name is None:
            return {"name": "any"}, True
        if name in self.typed_dicts:
            fields = {}
            for key, annotation in self.typed_dicts[name]:
                value, required = self.convert(annotation, depth + 1)
                entry = dict(value or {"name": "any"})
                entry["required"] = required
                fields[key] = entry
            return {"name": "exact", "value": fields}, True
        if name == "str":
            return {"name": "string"}, True
        if name == "bool":
            return {"name": "bool"}, True
        if name in NUMBER:
            return {"name": "number"}, True
        if name in ("dict", "Dict"):
            return {"name": "object"}, True
        if name in ("list", "List", "Sequence"):
            return {"name": "array"}, True
        if name == "ComponentType":
            return {"name": "node"}, True
        if name == "Component":
            return {"name": "element"}, True
        return {"name": "any"}, True


def typed_dicts_of(tree):
    """`Name = TypedDict("Name", {"key": annotation, ...})`, anywhere in the module."""
    found = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and dotted(node.value.func) == "TypedDict"
            and len(node.value.args) == 2
            and isinstance(node.value.args[1], ast.Dict)
        ):
            name = node.targets[0].id if isinstance(node.targets[0], ast.Name) else None
            if name:
                found[name] = [
                    (key.value, value)
                    for key, value in zip(node.value.args[1].keys, node.value.args[1].values)
                    if isinstance(key, ast.Constant)
                ]
    return found


def descriptions(docstring):
    """Each prop's description in a generated class's docstring: its `- name (type;
    optional):` entry under "Keyword arguments:", and every line up to the next entry
    (a description's own line breaks are not always indented)."""
    found = {}
    current = None
    for line in (docstring or "").splitlines():
        match = re.match(r"^- (\S+) \(", line)
        if match:
            current = match.group(1)
            found[current] = []
        elif current is not None:
            found[current].append(line.strip())
    return {name: "\n".join(lines).strip() for name, lines in found.items()}


def component(path, namespace):
    tree = ast.parse(path.read_text())
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        attrs = {}
        for item in cls.body:
            if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
                if isinstance(item.value, ast.Constant):
                    attrs[item.targets[0].id] = item.value.value
        if attrs.get("_namespace") != namespace or "_type" not in attrs:
            continue
        init = next(
            (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"),
            None,
        )
        if init is None:
            continue
        prop_names = []
        for node in ast.walk(init):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Attribute)
                and node.targets[0].attr == "_prop_names"
                and isinstance(node.value, ast.List)
            ):
                prop_names = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
        annotations = {
            arg.arg: arg.annotation
            for arg in init.args.args + init.args.kwonlyargs
            if arg.annotation is not None
        }
        converter = Converter(typed_dicts_of(tree))
        described = descriptions(ast.get_docstring(cls, clean=False))
        props = {}
        for prop in prop_names:
            if prop == "id":
                props[prop] = {"type": {"name": "string"}, "required": False}
                continue
            annotation = annotations.get(prop)
            if annotation is None:
                props[prop] = {"type": {"name": "any"}, "required": False}
                continue
            ty, required = converter.convert(annotation)
            props[prop] = {"type": ty or {"name": "any"}, "required": required}
        for prop, meta in props.items():
            if described.get(prop):
                meta["description"] = described[prop]
        props["setProps"] = {"type": {"name": "func"}, "required": False}
        return attrs["_type"], {"displayName": attrs["_type"], "props": props}
    return None


def main():
    folder, namespace = pathlib.Path(sys.argv[1]), sys.argv[2]
    metadata = {}
    for path in sorted(folder.rglob("*.py")):
        if path.name.startswith("_"):
            continue
        found = component(path, namespace)
        if found:
            name, meta = found
            metadata[f"src/components/{name}.react.js"] = meta
    json.dump(metadata, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
