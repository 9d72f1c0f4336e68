"""The Windows kit (``build/windows/``), checked on Linux: the Shell Launcher XML against
an XSD written from Microsoft's documented schema (``xmlschema``), and the install script
parsed by a real PowerShell grammar (``tree-sitter-powershell``) plus the house rules:
strict mode, stop on errors, no aliases, approved verbs, no ``Write-Host`` or
``Invoke-Expression``. PowerShell itself (and PSScriptAnalyzer) cannot run here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tree_sitter import Node

REPO = Path(__file__).resolve().parents[2]
KIT = REPO / "build" / "windows"
SCRIPT = KIT / "Install-FirstStopKiosk.ps1"
XML = KIT / "ShellLauncher.xml"
XSD = KIT / "ShellLauncher.xsd"
NS = "{http://schemas.microsoft.com/ShellLauncher/2018/Configuration}"
NEEDS = "add it to the dev dependencies (pip install {})"

# PowerShell's approved verbs (Get-Verb), the ones a script like this could use.
APPROVED_VERBS = frozenset(
    [
        "Add",
        "Clear",
        "Close",
        "Copy",
        "Enter",
        "Exit",
        "Find",
        "Format",
        "Get",
        "Hide",
        "Join",
        "Lock",
        "Move",
        "New",
        "Open",
        "Optimize",
        "Pop",
        "Push",
        "Redo",
        "Remove",
        "Rename",
        "Reset",
        "Resize",
        "Search",
        "Select",
        "Set",
        "Show",
        "Skip",
        "Split",
        "Step",
        "Switch",
        "Undo",
        "Unlock",
        "Watch",
        "Connect",
        "Disconnect",
        "Read",
        "Receive",
        "Send",
        "Write",
        "Backup",
        "Checkpoint",
        "Compare",
        "Compress",
        "Convert",
        "ConvertFrom",
        "ConvertTo",
        "Dismount",
        "Edit",
        "Expand",
        "Export",
        "Group",
        "Import",
        "Initialize",
        "Limit",
        "Merge",
        "Mount",
        "Out",
        "Publish",
        "Restore",
        "Save",
        "Sync",
        "Unpublish",
        "Update",
        "Debug",
        "Measure",
        "Ping",
        "Repair",
        "Resolve",
        "Test",
        "Trace",
        "Approve",
        "Assert",
        "Build",
        "Complete",
        "Confirm",
        "Deny",
        "Deploy",
        "Disable",
        "Enable",
        "Install",
        "Invoke",
        "Register",
        "Request",
        "Restart",
        "Resume",
        "Start",
        "Stop",
        "Submit",
        "Suspend",
        "Uninstall",
        "Unregister",
        "Wait",
        "Block",
        "Grant",
        "Protect",
        "Revoke",
        "Unblock",
        "Unprotect",
        "Use",
    ]
)
# Built-in aliases: a script spells commands out in full.
ALIASES = frozenset(
    [
        "%",
        "?",
        "ac",
        "asnp",
        "cat",
        "cd",
        "chdir",
        "clc",
        "clear",
        "clhy",
        "cli",
        "clp",
        "cls",
        "clv",
        "cnsn",
        "compare",
        "copy",
        "cp",
        "cpi",
        "cpp",
        "curl",
        "cvpa",
        "dbp",
        "del",
        "diff",
        "dir",
        "dnsn",
        "ebp",
        "echo",
        "epal",
        "epcsv",
        "epsn",
        "erase",
        "etsn",
        "exsn",
        "fc",
        "fhx",
        "fl",
        "foreach",
        "ft",
        "fw",
        "gal",
        "gbp",
        "gc",
        "gcb",
        "gci",
        "gcim",
        "gcls",
        "gcm",
        "gcs",
        "gdr",
        "ghy",
        "gi",
        "gin",
        "gjb",
        "gl",
        "gm",
        "gmo",
        "gp",
        "gps",
        "gpv",
        "group",
        "gsn",
        "gsnp",
        "gsv",
        "gtz",
        "gu",
        "gv",
        "gwmi",
        "h",
        "history",
        "icm",
        "iex",
        "ihy",
        "ii",
        "ipal",
        "ipcsv",
        "ipmo",
        "ipsn",
        "irm",
        "ise",
        "iwmi",
        "iwr",
        "kill",
        "lp",
        "ls",
        "man",
        "md",
        "measure",
        "mi",
        "mount",
        "move",
        "mp",
        "mv",
        "nal",
        "ndr",
        "ni",
        "nmo",
        "npssc",
        "nsn",
        "nv",
        "ogv",
        "oh",
        "popd",
        "ps",
        "pushd",
        "pwd",
        "r",
        "rbp",
        "rcjb",
        "rcsn",
        "rd",
        "rdr",
        "ren",
        "ri",
        "rjb",
        "rm",
        "rmdir",
        "rmo",
        "rni",
        "rnp",
        "rp",
        "rsn",
        "rsnp",
        "rujb",
        "rv",
        "rvpa",
        "rwmi",
        "sajb",
        "sal",
        "saps",
        "sasv",
        "sbp",
        "sc",
        "scb",
        "select",
        "set",
        "shcm",
        "si",
        "sl",
        "sleep",
        "sls",
        "sort",
        "sp",
        "spjb",
        "spps",
        "spsv",
        "start",
        "stz",
        "sujb",
        "sv",
        "swmi",
        "tee",
        "trcm",
        "type",
        "wget",
        "where",
        "wjb",
        "write",
    ]
)


def _xmlschema() -> Any:
    return pytest.importorskip(
        "xmlschema", reason="xmlschema is not installed: " + NEEDS.format("xmlschema")
    )


def _parser() -> Any:
    tree_sitter = pytest.importorskip(
        "tree_sitter", reason="tree-sitter is not installed: " + NEEDS.format("tree-sitter")
    )
    grammar = pytest.importorskip(
        "tree_sitter_powershell",
        reason="tree-sitter-powershell is not installed: " + NEEDS.format("tree-sitter-powershell"),
    )
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


# The Shell Launcher XML ------------------------------------------------------------------


def test_the_shell_launcher_xml_is_valid() -> None:
    schema = _xmlschema().XMLSchema(str(XSD))
    schema.validate(str(XML))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<DefaultAction Action="RestartShell"/>', '<DefaultAction Action="Reboot"/>'),
        ('ReturnCode="2"', 'ReturnCode="0"'),  # the same return code twice
        ('V2:AppType="Desktop"', 'V2:AppType="Win32"'),
        ('{6D1C8F52-3B0A-4E55-9C1E-2F7A4B9D0E31}" Name', '6D1C8F52" Name'),
    ],
)
def test_the_schema_refuses_a_broken_configuration(tmp_path: Path, old: str, new: str) -> None:
    xmlschema = _xmlschema()
    text = XML.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "ShellLauncher.xml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    schema = xmlschema.XMLSchema(str(XSD))
    assert not schema.is_valid(str(broken))


def _shell_profile() -> tuple[str, dict[int, str], str]:
    from xml.etree import ElementTree

    root = ElementTree.parse(XML).getroot()  # noqa: S314 (the kit's own file)
    shell = root.find(f"{NS}Profiles/{NS}Profile/{NS}Shell")
    assert shell is not None
    actions = {
        int(action.attrib["ReturnCode"]): action.attrib["Action"]
        for action in shell.iter(f"{NS}ReturnCodeAction")
    }
    default = shell.find(f"{NS}DefaultAction")
    assert default is not None
    return shell.attrib["Shell"], actions, default.attrib["Action"]


def test_the_kiosk_restarts_unless_it_exits_on_purpose() -> None:
    shell, actions, default = _shell_profile()
    assert shell.endswith("\\firststop-kiosk.exe")
    assert default == "RestartShell"  # 70 (watchdog), 3 (crash loop), any crash
    assert actions == {0: "DoNothing", 2: "DoNothing"}


def test_the_script_applies_what_the_xml_says() -> None:
    """Both ways of configuring Shell Launcher give the kiosk the same shell and actions
    (WESL: 0 restart the shell, 3 do nothing)."""
    shell, actions, default = _shell_profile()
    text = SCRIPT.read_text(encoding="utf-8")
    assert "FirstStop\\Kiosk" in shell
    assert "'FirstStop\\Kiosk'" in text
    assert "$KioskUser = 'FirstStopKiosk'" in text
    assert 'Account Name="FirstStopKiosk"' in XML.read_text(encoding="utf-8")
    wesl = {"RestartShell": 0, "RestartDevice": 1, "ShutdownDevice": 2, "DoNothing": 3}
    codes = ", ".join(str(code) for code in actions)
    codes_actions = ", ".join(str(wesl[action]) for action in actions.values())
    assert f"$ReturnCodes = [int[]] @({codes})" in text
    assert f"$ReturnCodeActions = [int[]] @({codes_actions})" in text
    assert f"$DefaultAction = {wesl[default]}" in text


# The PowerShell script ------------------------------------------------------------------


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8")


def syntax_errors(parser: Any, source: str) -> list[str]:
    tree = parser.parse(source.encode("utf-8"))
    return [
        f"line {node.start_point[0] + 1}: {'missing ' + node.type if node.is_missing else 'error'}"
        for node in _walk(tree.root_node)
        if node.is_error or node.is_missing
    ]


def house_rule_problems(parser: Any, source: str) -> list[str]:
    """What the script breaks of the house rules, each with its line."""
    tree = parser.parse(source.encode("utf-8"))
    problems = []
    top = [_text(node) for node in tree.root_node.children]
    statements = [_text(child) for node in tree.root_node.children for child in node.children]
    header = "\n".join(top + statements)
    if not re.search(r"^Set-StrictMode -Version Latest$", header, re.MULTILINE):
        problems.append("no top-level Set-StrictMode -Version Latest")
    if not re.search(r"^\$ErrorActionPreference = 'Stop'$", header, re.MULTILINE):
        problems.append("no top-level $ErrorActionPreference = 'Stop'")
    for node in _walk(tree.root_node):
        line = node.start_point[0] + 1
        if node.type == "command_name":
            name = _text(node)
            if name.lower() in ALIASES:
                problems.append(f"line {line}: the alias {name}")
            if name.lower() in {"write-host", "invoke-expression"}:
                problems.append(f"line {line}: {name}")
        elif node.type == "function_name":
            name = _text(node)
            verb, dash, noun = name.partition("-")
            if not dash or verb not in APPROVED_VERBS or not noun:
                problems.append(f"line {line}: {name} is not Approved-Verb-Noun")
    return problems


def test_the_script_parses() -> None:
    parser = _parser()
    assert syntax_errors(parser, SCRIPT.read_text(encoding="utf-8")) == []


def test_the_script_keeps_the_house_rules() -> None:
    parser = _parser()
    assert house_rule_problems(parser, SCRIPT.read_text(encoding="utf-8")) == []


def test_the_script_names_the_editions_it_needs() -> None:
    header = SCRIPT.read_text(encoding="utf-8").split("#>", 1)[0]
    assert "Enterprise, Education or IoT Enterprise" in header
    assert "#Requires -RunAsAdministrator" in header


def test_the_script_blocks_the_break_out_keys() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    blocked = re.search(r"\$BlockedKeys = @\((.*?)\)", text, re.DOTALL)
    assert blocked is not None
    keys = set(re.findall(r"'([^']+)'", blocked.group(1)))
    required = {"Windows", "Alt+Tab", "Alt+F4", "Ctrl+Esc", "Win+L", "Shift+Ctrl+Esc"}
    assert required <= keys
    assert "'AllowEdgeSwipe' -Value 0" in text
    assert "WEKF_PredefinedKey" in text
    assert "WESL_UserSetting" in text


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("function Get-Thing {\n    Get-ChildItem\n", "missing"),
        ("if ($x -eq 1 {\n    $y = 2\n}\n", ""),
    ],
)
def test_the_parser_check_catches_syntax_errors(broken: str, problem: str) -> None:
    parser = _parser()
    errors = syntax_errors(parser, broken)
    assert errors
    assert any(problem in error for error in errors)


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ("$ErrorActionPreference = 'Stop'\nGet-Item x\n", "Set-StrictMode"),
        ("Set-StrictMode -Version Latest\nGet-Item x\n", "ErrorActionPreference"),
        (
            "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
            "Get-ChildItem | % { $_ }\n",
            "the alias %",
        ),
        (
            "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
            "Get-ChildItem | ? { $_ }\n",
            "the alias ?",
        ),
        (
            "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\n"
            "function Make-Kiosk {\n    Write-Host hi\n}\n",
            "Make-Kiosk",
        ),
        (
            "Set-StrictMode -Version Latest\n$ErrorActionPreference = 'Stop'\nWrite-Host hi\n",
            "Write-Host",
        ),
    ],
)
def test_the_house_rules_catch_a_bad_script(script: str, problem: str) -> None:
    parser = _parser()
    problems = house_rule_problems(parser, script)
    assert any(problem in found for found in problems), problems
