# voicecart: one stateless replica. Build:  docker build -t voicecart:0.1.0 .
# Run:  docker run -p 8000:8000 -e CART_KEYS="$(voicecart keys new --kid k1)" \
#         -v "$PWD/menus:/etc/voicecart/menus:ro" voicecart:0.1.0
# Configuration is the CART_* environment (app/settings.py); the image sets production defaults.
# Linted by hadolint in CI (tests/system/test_container.py); deploy/kubernetes/ runs this image.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- stage 1: build the wheel from the source tree -----------------------------------------------
FROM ${PYTHON_IMAGE} AS wheel
WORKDIR /src
RUN pip install --no-cache-dir "build==1.6.1"
COPY pyproject.toml README.md ./
COPY app ./app
RUN python -m build --wheel --outdir /dist

# --- stage 2: the wheel installed, nothing else from the source tree -------------------------------
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CART_ENV=production \
    CART_MENU_DIR=/etc/voicecart/menus \
    CART_DATA_DIR=/var/lib/voicecart
# CART_ENV=production refuses to start without CART_KEYS (pass it from a secret, never bake it in).
RUN groupadd --system --gid 10001 voicecart \
    && useradd --system --uid 10001 --gid voicecart --home-dir /var/lib/voicecart --no-create-home \
       --shell /usr/sbin/nologin voicecart \
    && install -d -o voicecart -g voicecart -m 0700 /var/lib/voicecart \
    && install -d -m 0755 /etc/voicecart/menus
COPY --from=wheel /dist/ /tmp/dist/
RUN pip install --no-cache-dir /tmp/dist/voicecart-*.whl && rm -rf /tmp/dist
# The demo menu, so the image starts on its own; mount your menus over this directory.
COPY app/menus/*.json /etc/voicecart/menus/
USER 10001:10001
WORKDIR /var/lib/voicecart
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
ENTRYPOINT ["voicecart"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
