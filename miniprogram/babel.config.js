// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
const nutui = '@nutui/nutui-react-taro/dist/es/packages';

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        // Per-component JS and CSS: the whole style.css would add ~208 KB to every build.
        // `style/css` is style.css plus the styles of the parts a component draws with
        // (Popup → Overlay, Cell → CellGroup), which style.css alone leaves unstyled.
        customName: (name) => `${nutui}/${name.toLowerCase()}`,
        customStyleName: (name) => `${nutui}/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
