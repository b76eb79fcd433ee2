"""Reelbase settings: one file, every option from the environment (see README)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("REELBASE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "catalog",
    "reviews",
]

MIDDLEWARE = [
    # First, so every response (errors included) carries X-Request-Id and /api/ errors
    # from any later layer come out in the JSON envelope.
    "config.api.middleware.RequestIdMiddleware",
    # Outside ApiErrorMiddleware so the headers survive the error responses it rebuilds.
    "accounts.middleware.RateLimitHeadersMiddleware",
    "config.api.middleware.ApiErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "sqlite:///var/reelbase.sqlite3")
DATABASES = {"default": parse_database_url(DATABASE_URL, base_dir=BASE_DIR)}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRES and DATABASES["default"]["NAME"] != ":memory:":
    # A fresh clone has no var/ yet; SQLite cannot create the folder itself.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL") or None
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rb",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks ---------------------------------------------------------------------
# "immediate" runs tasks inline (embedded default); "database" queues them for `db_worker`.
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("immediate", "database", "dummy"), "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}

# --- Auth ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailOrUsernameBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email --------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Reelbase <no-reply@reelbase.test>")

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.StrictJSONParser"],
    # The one hook for access control: the accounts app plugs its API-key authentication,
    # plan permissions and rate limits in here (see config/api/views.py).
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.ApiKeyAuthentication"],
    # Key-only unless a view says otherwise (accounts/permissions.py: PublicRead, MeAccess, …).
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.PlanRateThrottle"],
    "UNAUTHENTICATED_USER": None,
    # `?format=` is not a renderer switch: the API speaks JSON only, and an endpoint that
    # takes `format` (the snapshot's json|redirect) validates it like any parameter.
    "URL_FORMAT_OVERRIDE": None,
    "EXCEPTION_HANDLER": "config.api.errors.exception_handler",
}
# Request bodies above this are a 413 payload_too_large before any parser reads them.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
SPECTACULAR_SETTINGS = {
    "TITLE": "Reelbase API",
    "VERSION": "2.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # API keys never reach a log line, whichever logger wrote it (`?key=` in access lines).
    "filters": {"redact_api_keys": {"()": "accounts.log_redaction.RedactApiKeys"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_api_keys"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's access lines, through the redacting handler instead of Django's own.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Reelbase -----------------------------------------------------------------------------
# Where the real datasets live (read at run time, never copied into the repository).
SHARED_DATA_DIR = Path(env_str("REELBASE_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data")))

# --- Accounts, plans, API keys, rate limits (accounts/) -------------------------------------
# "redis" keeps counters in Redis (one Lua script per request); "database" in the
# accounts_ratecounter table. Both are exact across processes.
RATELIMIT_BACKEND = env_choice(
    "RATELIMIT_BACKEND", ("redis", "database"), "redis" if REDIS_URL else "database"
)
RATELIMIT_REDIS_URL = env_str("RATELIMIT_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
RATELIMIT_KEY_PREFIX = env_str("RATELIMIT_KEY_PREFIX", "rb:rl:")
# Anonymous callers of public read routes, per client IP (Filmmakers: 300 per 5 minutes).
ANON_RATE_LIMIT = env_int("ANON_RATE_LIMIT", 300)
ANON_RATE_WINDOW_SECONDS = env_int("ANON_RATE_WINDOW_SECONDS", 300)
# Proxies in front of the app that append to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
# Self-serve plan changes on /pricing/ without payment; on by default for the embedded site.
BILLING_DEMO_ENABLED = env_bool("BILLING_DEMO", default=DEBUG)
# Failed logins (and password-reset requests) per username + client IP before a cool-off.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOL_OFF_SECONDS = env_int("LOGIN_COOL_OFF_SECONDS", 15 * 60)
AVATAR_MAX_BYTES = env_int("AVATAR_MAX_BYTES", 2 * 1024 * 1024)
# Views with `public = True` (config/api/views.py): anyone reads, writes need API access.
API_PUBLIC_PERMISSION_CLASSES = ["accounts.permissions.PublicRead"]
