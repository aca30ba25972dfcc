import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tourism_site.settings.production")
application = get_wsgi_application()

from tourism_site.warm_up import warm_up  # noqa: E402 (needs the apps loaded above)

warm_up()
