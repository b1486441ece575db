# A web app (admin-web or sidebar-h5) as static files behind nginx, proxying /api to the server.
#   docker build -f docker/web.Dockerfile --build-arg APP=admin-web .
FROM node:20-bookworm-slim AS build
ARG APP=admin-web
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY wecom-sandbox/package.json wecom-sandbox/
COPY admin-web/package.json admin-web/
COPY sidebar-h5/package.json sidebar-h5/
COPY web-shared/package.json web-shared/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY web-shared web-shared
COPY ${APP} ${APP}
RUN npm run build -w ${APP}

FROM nginx:1.27-alpine
ARG APP=admin-web
COPY docker/nginx.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/${APP}/dist /usr/share/nginx/html
ENV SCRM_API_UPSTREAM=http://api:3000
EXPOSE 80
