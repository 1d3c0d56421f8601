/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-record-list"

#include "config.h"

#include "liaison-record-list.h"

/*
 * A GListModel of the records a query selects.  It holds only their row ids, in the
 * order SQL sorted them, and loads a record when a view asks for it, keeping a small
 * cache: a million rows cost eight megabytes, and the first frame needs only the rows
 * it shows.  The list follows the store: after a write it runs its query again.
 */

#define CACHE_SIZE 512
#define BATCH_SIZE 64

struct _LiaisonRecordList
{
  GObject       parent_instance;

  LiaisonStore *store;
  LiaisonQuery *query;
  GArray       *ids;        /* gint64 */
  GHashTable   *cache;      /* id → LiaisonRecord */
  gulong        changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonRecordList, liaison_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
liaison_record_list_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_RECORD;
}

static guint
liaison_record_list_get_n_items (GListModel *model)
{
  LiaisonRecordList *self = LIAISON_RECORD_LIST (model);

  return self->ids->len;
}

/* A record that only the cache holds.  The others are shown by a view: they stay, so
 * that the same row keeps the same object. */
static gboolean
unused_record_cb (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  return g_atomic_int_get (&G_OBJECT (value)->ref_count) == 1;
}

/* Loads the rows around @position that are not cached, in one batch: a view that asks
 * for one row is about to ask for its neighbours, mostly the ones after it. */
static void
load_batch (LiaisonRecordList *self,
            guint              position)
{
  g_autoptr(GArray) wanted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), BATCH_SIZE);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint first = position > BATCH_SIZE / 4 ? position - BATCH_SIZE / 4 : 0;
  guint last = MIN (self->ids->len, first + BATCH_SIZE);

  for (guint i = first; i < last; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->cache, &id))
        g_array_append_val (wanted, id);
    }

  records = liaison_store_load_many (self->store, self->query->kind,
                                     (const gint64 *) (gpointer) wanted->data, wanted->len, &error);
  if (records == NULL)
    {
      g_warning ("Could not read the list's rows: %s", error->message);
      return;
    }

  if (g_hash_table_size (self->cache) + records->len > CACHE_SIZE)
    g_hash_table_foreach_remove (self->cache, unused_record_cb, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      LiaisonRecord *record = g_ptr_array_index (records, i);
      gint64 id = liaison_record_get_id (record);

      g_hash_table_replace (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (record));
    }
}

static gpointer
liaison_record_list_get_item (GListModel *model,
                              guint       position)
{
  LiaisonRecordList *self = LIAISON_RECORD_LIST (model);
  LiaisonRecord *record;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  record = g_hash_table_lookup (self->cache, &id);
  if (record != NULL)
    return g_object_ref (record);

  load_batch (self, position);
  record = g_hash_table_lookup (self->cache, &id);
  if (record == NULL)
    {
      /* Deleted by another program since the query ran; the next refresh drops it. */
      g_debug ("Record %" G_GINT64_FORMAT " vanished", id);
      return liaison_record_new (self->query->kind);
    }

  return g_object_ref (record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = liaison_record_list_get_item_type;
  iface->get_n_items = liaison_record_list_get_n_items;
  iface->get_item = liaison_record_list_get_item;
}

static void
store_changed_cb (LiaisonRecordList *self,
                  guint              kind,
                  LiaisonStore      *store)
{
  g_autoptr(GError) error = NULL;

  if (kind != LIAISON_N_RECORD_KINDS && kind != self->query->kind)
    {
      /* Another kind changed; names shown through links may have changed too. */
      g_hash_table_remove_all (self->cache);
    }

  if (!liaison_record_list_refresh (self, &error))
    g_warning ("Could not refresh the list: %s", error->message);
}

static void
liaison_record_list_dispose (GObject *object)
{
  LiaisonRecordList *self = (LiaisonRecordList *)object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_record_list_parent_class)->dispose (object);
}

static void
liaison_record_list_finalize (GObject *object)
{
  LiaisonRecordList *self = (LiaisonRecordList *)object;

  g_clear_pointer (&self->query, liaison_query_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (liaison_record_list_parent_class)->finalize (object);
}

static void
liaison_record_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonRecordList *self = LIAISON_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_record_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaisonRecordList *self = LIAISON_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      if (g_value_get_boxed (value) != NULL)
        liaison_record_list_set_query (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_record_list_constructed (GObject *object)
{
  LiaisonRecordList *self = LIAISON_RECORD_LIST (object);

  G_OBJECT_CLASS (liaison_record_list_parent_class)->constructed (object);

  g_assert (LIAISON_IS_STORE (self->store));
  self->changed_id = g_signal_connect_object (self->store, "changed",
                                              G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
}

static void
liaison_record_list_class_init (LiaisonRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = liaison_record_list_constructed;
  object_class->dispose = liaison_record_list_dispose;
  object_class->finalize = liaison_record_list_finalize;
  object_class->get_property = liaison_record_list_get_property;
  object_class->set_property = liaison_record_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, LIAISON_TYPE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_record_list_init (LiaisonRecordList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
}

/**
 * liaison_record_list_new:
 * @query: what the list shows; copied
 *
 * Returns: (transfer full): a list filled with the query's results
 */
LiaisonRecordList *
liaison_record_list_new (LiaisonStore       *store,
                         const LiaisonQuery *query)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return g_object_new (LIAISON_TYPE_RECORD_LIST, "store", store, "query", query, NULL);
}

LiaisonStore *
liaison_record_list_get_store (LiaisonRecordList *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORD_LIST (self), NULL);
  return self->store;
}

const LiaisonQuery *
liaison_record_list_get_query (LiaisonRecordList *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORD_LIST (self), NULL);
  return self->query;
}

/**
 * liaison_record_list_set_query:
 *
 * Shows what @query selects instead; a query the store refuses (a bad sort field, say)
 * leaves the list empty and logs why.
 */
void
liaison_record_list_set_query (LiaisonRecordList  *self,
                               const LiaisonQuery *query)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIAISON_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->query, liaison_query_free);
  self->query = liaison_query_copy (query);
  g_hash_table_remove_all (self->cache);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  if (self->store != NULL && !liaison_record_list_refresh (self, &error))
    g_warning ("Could not run the query: %s", error->message);
}

/**
 * liaison_record_list_set_results:
 * @query: the query that selected @ids; copied
 * @ids: (element-type gint64): its results, in order, as liaison_store_query() gives
 *   them, computed elsewhere (a thread with its own connection)
 *
 * Shows @ids as the results of @query without running it here, so that a slow query
 * need not block the thread the list lives in.  Later store changes run @query again.
 */
void
liaison_record_list_set_results (LiaisonRecordList  *self,
                                 const LiaisonQuery *query,
                                 GArray             *ids)
{
  guint removed;

  g_return_if_fail (LIAISON_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (ids != NULL);

  /* The records stay cached: a record in both results keeps its object, and GTK keeps
   * the row it showed for it (a new row costs a widget built, bound and measured).  The
   * store's changes clear the cache (liaison_record_list_refresh()).  A new order moves
   * nearly every row, and GTK 4.8 shows a row moved from below the fold only at its next
   * layout, where a new row is shown at once: those get new objects, as before. */
  if (query->kind != self->query->kind || query->descending != self->query->descending ||
      g_strcmp0 (query->sort, self->query->sort) != 0)
    g_hash_table_remove_all (self->cache);
  g_clear_pointer (&self->query, liaison_query_free);
  self->query = liaison_query_copy (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);

  if (removed > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  if (removed != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * liaison_record_list_refresh:
 *
 * Runs the query again and tells the views what changed.
 */
/**
 * liaison_record_list_extend:
 * @ids: (element-type gint64): all the results of the query whose first rows the list
 *   shows
 *
 * Grows the list to @ids.  When @ids begin with the rows shown, the rows after them
 * are added (views keep their place and cells); otherwise the list is replaced.
 */
void
liaison_record_list_extend (LiaisonRecordList *self,
                            GArray            *ids)
{
  guint shown;

  g_return_if_fail (LIAISON_IS_RECORD_LIST (self));
  g_return_if_fail (ids != NULL);

  shown = self->ids->len;
  if (ids->len < shown ||
      memcmp (ids->data, self->ids->data, (gsize) shown * sizeof (gint64)) != 0)
    {
      g_autoptr(LiaisonQuery) query = liaison_query_copy (self->query);

      liaison_record_list_set_results (self, query, ids);
      return;
    }

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  if (ids->len > shown)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, ids->len - shown);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

gboolean
liaison_record_list_refresh (LiaisonRecordList  *self,
                             GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean ok;
  guint removed;

  g_return_val_if_fail (LIAISON_IS_RECORD_LIST (self), FALSE);

  ids = liaison_store_query (self->store, self->query, error);
  ok = ids != NULL;
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);

  if (removed > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
  if (removed != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return ok;
}

/**
 * liaison_record_list_get_id:
 *
 * Returns: the row id at @position, without loading the record
 */
gint64
liaison_record_list_get_id (LiaisonRecordList *self,
                            guint              position)
{
  g_return_val_if_fail (LIAISON_IS_RECORD_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}
