import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'console/src/api/openapi-types.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Implementations of promise-returning contracts (throttler storage and guard hooks, test fakes) stay `async`
      // so that a throw reaches the caller as a rejection.
      '@typescript-eslint/require-await': 'off',
      // DTOs map with `items.map(SomeDto.from)`: static factories that never read `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      // `const { secret: _secret, ...shown } = value` leaves keys out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A clean-up registered before the value it cleans up exists reads a `let` assigned once, later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Entities declare the schema: from TypeORM they take its decorators, never its query APIs (.dependency-cruiser.cjs
    // keeps every other TypeORM import in repositories and src/database).
    files: ['src/**/*.entity.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              allowImportNames: [
                'Entity',
                'Column',
                'PrimaryColumn',
                'PrimaryGeneratedColumn',
                'CreateDateColumn',
                'UpdateDateColumn',
                'DeleteDateColumn',
                'Index',
                'Unique',
                'Check',
                'JoinColumn',
                'JoinTable',
                'ManyToOne',
                'OneToMany',
                'OneToOne',
                'ManyToMany',
                'ValueTransformer',
              ],
              message: 'An entity declares the schema with decorators; queries belong in its repository.',
            },
          ],
        },
      ],
    },
  },
  {
    // supertest types every response body as `any`, and jest's asymmetric matchers (expect.any, expect.stringContaining)
    // return `any`: test code reads those bodies as loose JSON and its assertions check their shape.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    // Scripts for customers to copy: plain Node programs.
    files: ['docs/examples/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', setTimeout: 'readonly' } },
  },
  prettier,
);
