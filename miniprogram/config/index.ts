import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import postcss from 'postcss';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import type Chain from 'webpack-chain';
import { describeBuild, readBuildSettings } from './build-settings';
import devConfig from './dev';
import prodConfig from './prod';

/** `@linli/shared` ships TypeScript source; Taro must compile it like our own. */
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

const platform = process.env.TARO_ENV ?? 'weapp';

/**
 * LINLI_STAGE, LINLI_API_BASE, LINLI_APPID, LINLI_DEV_SIGNIN and one LINLI_TEMPLATE_* per
 * subscription template (build-settings.ts): a production weapp build stops here when one is wrong.
 */
const settings = readBuildSettings(process.env, platform);
console.log(describeBuild(settings));

/**
 * WeChat DevTools reads the appid from project.config.json: Taro writes `<dist>/weapp/project.config.json`
 * from the repository root's one (miniprogramRoot './'), with the appid of TARO_APP_ID.
 */
if (platform === 'weapp') process.env.TARO_APP_ID = settings.appid;
const devtoolsProject = { projectConfigName: '../project.config.json' };

/** NutUI is drawn at 375 px, our own styles at 750 px. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? (input.file ?? '') : '';
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

/**
 * `@/…` paths; shared's ESM `./x.js` imports that point at `./x.ts` source; and
 * packages hoisted to the root (NutUI) finding the Taro runtime installed here.
 */
function resolveShared(chain: Chain): void {
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
  chain.resolve.modules.add('node_modules').add(path.resolve(__dirname, '..', 'node_modules'));
  chain.resolve.merge({ extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } });
  // shared's modules only declare things: let webpack drop the schemas a page does not use.
  chain.module.rule('shared-side-effect-free').test(sharedDir).set('sideEffects', false);
  // The hoisted postcss-loader would pick up a PostCSS 7 from the root; Taro's plugins need ours (8).
  for (const rule of chain.module.rules.values())
    for (const branch of [rule, ...rule.oneOfs.values()])
      for (const use of branch.uses.values())
        if (String(use.get('loader')).includes('postcss-loader'))
          use.tap((options: object) => ({ ...options, implementation: postcss }));
}

/** The H5 runtime's router is installed under @tarojs/taro-h5, where the app entry cannot see it. */
function aliasH5Router(chain: Chain): void {
  const fromTaroH5 = [path.dirname(require.resolve('@tarojs/taro-h5'))];
  const entry = require.resolve('@tarojs/router', { paths: fromTaroH5 });
  const dir = entry.slice(0, entry.lastIndexOf(`${path.sep}router${path.sep}`) + '/router'.length);
  chain.resolve.alias.set('@tarojs/router', dir);
}

export default defineConfig<'webpack5'>(async (merge: (...configs: object[]) => object) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    // Not in Taro's types, read by its weapp platform (the name, relative to miniprogram/, of the file to copy).
    ...devtoolsProject,
    projectName: 'linli',
    date: '2026-11-23',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // LINLI_DIST lets two builds live side by side (e.g. dist-points); the default is dist/.
    outputRoot: `${process.env.LINLI_DIST ?? 'dist'}/${platform}`,
    plugins: [],
    defineConstants: {
      LINLI_API_BASE: JSON.stringify(settings.apiBase),
      LINLI_DEV_SIGNIN: JSON.stringify(settings.devSignIn),
      LINLI_TEMPLATE_IDS: JSON.stringify(settings.templateIds),
    },
    copy: { patterns: [], options: {} },
    sass: {
      // `sz()` (styles/scale.scss) needs the platform: rem follows WeChat's font setting, PX follows browser zoom.
      resource: [path.resolve(__dirname, '..', 'src', 'styles', 'scale.scss')],
      data: `$taro-env: ${platform};`,
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: resolveShared,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain: Chain) {
        resolveShared(chain);
        aliasH5Router(chain);
        // Pages load lazily; without this each page chunk carries its own copy of NutUI and zod.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 20_000 });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
