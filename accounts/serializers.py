"""Shapes of the accounts API (`GET /api/v2/me`)."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Plan


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["slug", "name", "price_cents", "api_access", "me_write", "ai"]


class QuotaSerializer(serializers.Serializer):
    limit = serializers.IntegerField()
    remaining = serializers.IntegerField()
    resets_at = serializers.DateTimeField()


class QuotasSerializer(serializers.Serializer):
    per_minute = QuotaSerializer()
    per_day = QuotaSerializer()


class KeySummarySerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    bio = serializers.CharField()
    avatar_url = serializers.CharField(allow_null=True)
    date_joined = serializers.DateTimeField()
    profile_public = serializers.BooleanField()
    watchlist_public = serializers.BooleanField()
    plan = PlanSerializer()
    quotas = QuotasSerializer(allow_null=True, help_text="Null when the caller is not metered.")
    key = KeySummarySerializer(allow_null=True, help_text="The key used; null for a session.")


class MeEnvelopeSerializer(serializers.Serializer):
    data = MeSerializer()
