"""gunicorn.conf.py's second socket, where the proxy sends enquiries and the staff's work
(docs/deploy.md): a request there is answered ahead of the page views queued on the first,
as an enquiry must be while a campaign floods a page. One sync worker, real PostgreSQL and
Redis, the treatment page rendered on every request (the test settings cache no page)."""

import runpy
import selectors
import socket
from contextlib import contextmanager

import pytest

from pages.models import TreatmentPage
from tests.enquiries.real_services import ROOT, free_port, gunicorn, require_real_services

QUEUED_PAGE_VIEWS = 30


@contextmanager
def gunicorn_with_the_project_config():
    """gunicorn as deployed (gunicorn.conf.py), one worker; (page port, priority port)."""
    ports = free_port(), free_port()
    binds = [f"127.0.0.1:{port}" for port in ports]
    env = {"GUNICORN_BIND": binds[0], "GUNICORN_PRIORITY_BIND": binds[1]}
    with gunicorn(binds, WEB_CONCURRENCY="1", **env):
        yield ports


def answer_order(requests: list[tuple[int, str]]) -> list[int]:
    """Send each (port, path) GET on its own connection, all at once and in this order; the
    requests' indexes in the order their answers ended."""
    selector = selectors.DefaultSelector()
    for index, (port, path) in enumerate(requests):
        connection = socket.create_connection(("127.0.0.1", port), timeout=30)
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        selector.register(connection, selectors.EVENT_READ, index)
    order = []
    while len(order) < len(requests):
        events = selector.select(timeout=60)
        assert events, f"no answer for 60 s; answered so far: {order}"
        for key, _mask in events:
            if not key.fileobj.recv(65536):  # the worker closed it: the answer is complete
                selector.unregister(key.fileobj)
                key.fileobj.close()
                order.append(key.data)
    return order


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker):
    require_real_services()
    with django_db_blocker.unblock():
        page_url = TreatmentPage.objects.get(locale__language_code="en", slug="botox").url
    with gunicorn_with_the_project_config() as ports:
        yield ports, page_url


def test_a_request_on_the_priority_socket_overtakes_the_queued_page_views(servers):
    (page_port, priority_port), page_url = servers
    flood = [(page_port, page_url)] * QUEUED_PAGE_VIEWS

    order = answer_order([*flood, (priority_port, page_url)])

    # Behind the page views already queued is where the same request waits on their socket
    # (checked below); on its own socket it waits for the one page view being rendered.
    assert order.index(QUEUED_PAGE_VIEWS) <= 3, order


def test_on_the_page_views_socket_it_would_wait_behind_them(servers):
    (page_port, _priority_port), page_url = servers
    flood = [(page_port, page_url)] * QUEUED_PAGE_VIEWS

    order = answer_order([*flood, (page_port, page_url)])

    assert order.index(QUEUED_PAGE_VIEWS) >= QUEUED_PAGE_VIEWS - 3, order


def binds(monkeypatch, **env) -> list[str]:
    for name in ("GUNICORN_BIND", "GUNICORN_PRIORITY_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["bind"]


def test_two_sockets_unless_the_priority_one_is_switched_off(monkeypatch):
    assert binds(monkeypatch) == ["0.0.0.0:8000", "0.0.0.0:8001"]
    assert binds(monkeypatch, GUNICORN_PRIORITY_BIND="") == ["0.0.0.0:8000"]
    assert binds(monkeypatch, GUNICORN_BIND="127.0.0.1:9000", GUNICORN_PRIORITY_BIND="") == [
        "127.0.0.1:9000"
    ]
