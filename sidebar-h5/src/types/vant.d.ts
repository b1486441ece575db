// Every Vant component adds itself to Vue's GlobalComponents in its own types, so templates that
// use the auto-imported <van-*> components are type-checked without a generated declaration.
import type {} from 'vant';
