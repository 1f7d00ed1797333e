/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
  }
}

/** API origin baked in at build time: '' (same origin) for H5, `LINLI_API_BASE` for weapp. */
declare const LINLI_API_BASE: string;
/** Whether this build offers the demo persona picker (local builds only). */
declare const LINLI_DEV_SIGNIN: boolean;
/** Each subscription template's id in this build (`LINLI_TEMPLATE_*`, or the local stack's `local-…` ids). */
declare const LINLI_TEMPLATE_IDS: Readonly<Record<import('@linli/shared').SubscriptionTemplate, string>>;
