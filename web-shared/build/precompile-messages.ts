// The web apps' messages (admin-web and sidebar-h5) compiled at build time, so that their bundles
// carry vue-i18n's runtime only (no message compiler, nothing parsed in the browser): every string
// value of an object literal in src/locales/*.ts (but index.ts), and of the exported `*_MESSAGES`
// objects of web-shared's modules the locale files take messages from, becomes the AST vue-i18n's
// runtime formats, the same AST its runtime compiler would have produced ("JIT" mode). A message
// that does not compile fails the build, naming its file and key. Dev server and component tests
// keep the full build and plain strings (`i18nBuildConfig` and the plugin apply to `vite build`
// only). Each app's vite.config.ts uses both, importing this file by relative path: Vite bundles
// a config's relative imports, but loads packages (this workspace too) with Node, which cannot run
// a .ts file.
import { baseCompile } from '@intlify/message-compiler';
import type { Node, ObjectExpression, Property } from 'estree';
import { parseAst, type Alias, type Plugin } from 'vite';

const LOCALE_FILE = /\/src\/locales\/(?!index\.)[^/]+\.ts$/;
/**
 * Shared modules (web-shared) whose messages the locale files take by reference, e.g.
 * `tagAddedBy: TAG_MARK_MESSAGES['zh-CN'].added`: there only the exported `*_MESSAGES` objects
 * are messages (their other object literals are code), so only those are compiled.
 */
const SHARED_FILE = /\/web-shared\/src\/[^/]+\.ts$/;
const SHARED_MESSAGES = /_MESSAGES$/;

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** One message as vue-i18n's runtime wants it; throws on a syntax error in the message. */
export function compileMessage(message: string, where: string): string {
  const errors: string[] = [];
  const { ast } = baseCompile(message, {
    jit: true,
    location: false,
    minify: true,
    onError: (error) => errors.push(error.message),
  });
  if (errors.length > 0) throw new Error(`${where}: ${errors.join('; ')} in "${message}"`);
  return JSON.stringify(ast);
}

function stringValue(node: Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

function keyName(property: Property): string {
  const { key } = property;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  return '?';
}

/**
 * The module's source with every message string replaced by its compiled form: in every object
 * literal, or with `only`, in the object literals given to the exported consts it names.
 */
export function precompileMessagesSource(code: string, file: string, only?: RegExp): string {
  const replacements: Replacement[] = [];
  const visitObject = (object: ObjectExpression, path: string) => {
    for (const property of object.properties) {
      if (property.type !== 'Property' || property.computed) continue;
      const key = path ? `${path}.${keyName(property)}` : keyName(property);
      const message = stringValue(property.value);
      const range = property.value as unknown as { start: number; end: number };
      if (message !== null) {
        replacements.push({ ...range, text: compileMessage(message, `${file}: ${key}`) });
      } else if (property.value.type === 'ObjectExpression') {
        visitObject(property.value, key);
      }
    }
  };
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    if (only) {
      if (n.type === 'ExportNamedDeclaration' && n.declaration?.type === 'VariableDeclaration') {
        for (const d of n.declaration.declarations)
          if (
            d.id.type === 'Identifier' &&
            only.test(d.id.name) &&
            d.init?.type === 'ObjectExpression'
          )
            visitObject(d.init, d.id.name);
        return;
      }
    } else if (n.type === 'ObjectExpression') return visitObject(n, '');
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  let out = code;
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

/** Vite plugin: the locale modules, after TypeScript is stripped. */
export function precompileMessages(): Plugin {
  return {
    name: 'scrm:precompile-messages',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (LOCALE_FILE.test(file))
        return {
          code: precompileMessagesSource(code, file.replace(/^.*\/src\//, 'src/')),
          map: null,
        };
      if (SHARED_FILE.test(file))
        return {
          code: precompileMessagesSource(
            code,
            file.replace(/^.*\/web-shared\//, 'web-shared/'),
            SHARED_MESSAGES,
          ),
          map: null,
        };
      return null;
    },
  };
}

/**
 * The `resolve.alias` entries and `define` flags that go with the plugin: in `vite build`,
 * `vue-i18n` is its runtime-only build (the precompiled messages need no compiler); the dev server
 * and component tests keep the full build, which compiles the plain strings at run time.
 */
export function i18nBuildConfig(command: 'build' | 'serve'): {
  alias: Alias[];
  define: Record<string, string>;
} {
  const build = command === 'build';
  return {
    alias: build
      ? [{ find: /^vue-i18n$/, replacement: 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js' }]
      : [],
    define: {
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __INTLIFY_DROP_MESSAGE_COMPILER__: JSON.stringify(build),
    },
  };
}
