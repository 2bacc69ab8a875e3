/**
 * What a sample (or the prelude) declares at its top level, read with the TypeScript parser: the
 * names later samples of the same document may use, and those the prelude must not declare again.
 */
import ts from 'typescript';

/** A top-level name. */
export interface Declared {
  name: string;
  /** A type, an interface or a type-only import: re-exported with `export type`. */
  typeOnly: boolean;
  /** The sample exports it itself. */
  exported: boolean;
}

/** One declaring top-level statement: its names and its text range. */
export interface Declaration {
  names: Declared[];
  start: number;
  end: number;
}

const parse = (code: string) =>
  ts.createSourceFile('sample.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

function bindingNames(binding: ts.BindingName): string[] {
  if (ts.isIdentifier(binding)) return [binding.text];
  return binding.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

function ownNames(s: ts.Statement): { name: string; typeOnly: boolean }[] {
  if (ts.isImportDeclaration(s) && s.importClause) {
    const clause = s.importClause;
    const names = clause.name ? [{ name: clause.name.text, typeOnly: clause.isTypeOnly }] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings))
      names.push({ name: bindings.name.text, typeOnly: clause.isTypeOnly });
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements)
        names.push({ name: e.name.text, typeOnly: clause.isTypeOnly || e.isTypeOnly });
    }
    return names;
  }
  if (ts.isImportEqualsDeclaration(s)) return [{ name: s.name.text, typeOnly: s.isTypeOnly }];
  if (ts.isVariableStatement(s)) {
    return s.declarationList.declarations
      .flatMap((d) => bindingNames(d.name))
      .map((name) => ({ name, typeOnly: false }));
  }
  if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
    return [{ name: s.name.text, typeOnly: false }];
  }
  if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))
    return [{ name: s.name.text, typeOnly: true }];
  if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) return [{ name: s.name.text, typeOnly: false }];
  return [];
}

const hasExportModifier = (s: ts.Statement) =>
  ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The declaring top-level statements of `code`, in order. */
export function declarations(code: string): Declaration[] {
  const file = parse(code);
  const exportedByList = new Set<string>();
  for (const s of file.statements) {
    if (
      ts.isExportDeclaration(s) &&
      !s.moduleSpecifier &&
      s.exportClause &&
      ts.isNamedExports(s.exportClause)
    ) {
      for (const e of s.exportClause.elements) exportedByList.add((e.propertyName ?? e.name).text);
    }
  }
  return file.statements.flatMap((s) => {
    const names = ownNames(s);
    if (names.length === 0) return [];
    const exported = hasExportModifier(s);
    return [
      {
        names: names.map((n) => ({ ...n, exported: exported || exportedByList.has(n.name) })),
        start: s.getStart(file),
        end: s.end,
      },
    ];
  });
}

/** The relative module specifiers (`./`, `../`) of `code`'s imports and re-exports: the literal's range, quotes included. */
export function relativeSpecifiers(code: string): { text: string; start: number; end: number }[] {
  const file = parse(code);
  return file.statements.flatMap((s) => {
    const spec = ts.isImportDeclaration(s) || ts.isExportDeclaration(s) ? s.moduleSpecifier : undefined;
    return spec && ts.isStringLiteral(spec) && /^\.\.?\//.test(spec.text)
      ? [{ text: spec.text, start: spec.getStart(file), end: spec.end }]
      : [];
  });
}
