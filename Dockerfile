FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY src ./src
COPY js ./js
RUN pip install --no-cache-dir -c constraints.txt . \
    && npm ci --prefix js --no-audit --no-fund && node js/copy-graphiql-assets.mjs \
    && pip install --no-cache-dir --force-reinstall --no-deps .
EXPOSE 8000
CMD ["contacts-graph", "serve", "--host", "0.0.0.0"]
