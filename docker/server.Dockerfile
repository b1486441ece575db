# The SCRM server: one image, API or worker chosen by the command.
#   docker run IMAGE                   -> API   (node server/dist/server/src/main.js)
#   docker run IMAGE worker            -> queue worker
#   docker run IMAGE migrate           -> apply migrations and exit
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY wecom-sandbox/package.json wecom-sandbox/
COPY admin-web/package.json admin-web/
COPY sidebar-h5/package.json sidebar-h5/
COPY web-shared/package.json web-shared/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json nest-cli.json ./
COPY server server
COPY migrations migrations
RUN npm run build -w server && npm prune --omit=dev --workspace server --include-workspace-root=false

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/server/package.json server/package.json
COPY --from=build /app/server/dist server/dist
COPY docker/server-entrypoint.sh /usr/local/bin/scrm
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["scrm"]
CMD ["api"]
