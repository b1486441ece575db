import {
  Calendar,
  ChatDotRound,
  ChatLineSquare,
  Connection,
  DataAnalysis,
  Notebook,
  Picture,
  Postcard,
  PriceTag,
  Promotion,
  Setting,
  Switch,
  User,
  UserFilled,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';

/**
 * The icons a route's `meta.icon` may name, imported one by one so that the build keeps only
 * these (add one here when a new section needs it).
 */
export const MENU_ICONS: Record<string, Component> = {
  Calendar,
  ChatDotRound,
  ChatLineSquare,
  Connection,
  DataAnalysis,
  Notebook,
  Picture,
  Postcard,
  PriceTag,
  Promotion,
  Setting,
  Switch,
  User,
  UserFilled,
};
