# The WeCom sandbox (a stand-in for qyapi.weixin.qq.com with a demo corp). Never in production.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY wecom-sandbox/package.json wecom-sandbox/
COPY admin-web/package.json admin-web/
COPY sidebar-h5/package.json sidebar-h5/
COPY web-shared/package.json web-shared/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY wecom-sandbox wecom-sandbox
RUN npm run build -w wecom-sandbox && npm prune --omit=dev --workspace wecom-sandbox --include-workspace-root=false

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/wecom-sandbox wecom-sandbox
ENV SANDBOX_HOST=0.0.0.0 SANDBOX_PORT=3100
USER node
EXPOSE 3100
CMD ["node", "wecom-sandbox/dist/src/main.js"]
