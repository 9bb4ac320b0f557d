import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine is a pure, deterministic library (CONVENTIONS.md): no UI libraries, no DOM,
// no clocks, no unseeded randomness.
const enginePurity = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'immer', 'd3-selection', 'd3-transition', 'd3-zoom', 'd3-drag'], message: 'src/engine is pure: no UI libraries.' },
        { group: ['**/ui/**', '**/cli/**'], message: 'src/engine may not import its hosts.' },
        { group: ['node:*', 'fs', 'path', 'process'], message: 'src/engine runs in the browser too: no Node built-ins.' },
      ],
    }],
    'no-restricted-globals': ['error',
      { name: 'window', message: 'No DOM in src/engine.' },
      { name: 'document', message: 'No DOM in src/engine.' },
      { name: 'performance', message: 'No clocks in src/engine.' },
      { name: 'setTimeout', message: 'No timers in src/engine.' },
      { name: 'setInterval', message: 'No timers in src/engine.' },
      { name: 'requestAnimationFrame', message: 'No timers in src/engine.' },
      { name: 'process', message: 'No process in src/engine.' },
    ],
    'no-restricted-properties': ['error',
      { object: 'Math', property: 'random', message: 'Use the seeded generator passed in.' },
      { object: 'Date', property: 'now', message: 'No clocks in src/engine.' },
    ],
    'no-restricted-syntax': ['error',
      { selector: "NewExpression[callee.name='Date']", message: 'No clocks in src/engine.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'bench/out', 'e2e/screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  enginePurity,
);
