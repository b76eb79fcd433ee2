from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Authenticates with a username or an email address in the username field."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        login = username or kwargs.get(get_user_model().USERNAME_FIELD)
        if not login or password is None:
            return None
        User = get_user_model()
        try:
            user = User.objects.get_by_login(login)
        except User.DoesNotExist:
            # Run the hasher anyway so response time does not reveal which logins exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
