/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-generate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "liaison-generate.h"
#include "liaison-store-private.h"

/*
 * Synthetic data for scale work: plausible institutions, people, agreements and events,
 * the same for the same random seed, written through the ordinary save path in one
 * transaction.
 */

static const char * const cities[][2] = {
  { "Beijing", "北京" }, { "Shanghai", "上海" }, { "Chongqing", "重庆" }, { "Shenzhen", "深圳" },
  { "Hefei", "合肥" }, { "Changsha", "长沙" }, { "Shenyang", "沈阳" }, { "Nanjing", "南京" },
  { "Wuhan", "武汉" }, { "Hangzhou", "杭州" }, { "Chengdu", "成都" }, { "Xi'an", "西安" },
  { "Dalian", "大连" }, { "Qingdao", "青岛" }, { "Harbin", "哈尔滨" }, { "Kunming", "昆明" },
  { "Xiamen", "厦门" }, { "Tianjin", "天津" }, { "Guangzhou", "广州" }, { "Suzhou", "苏州" },
};

static const char * const subjects[][2] = {
  { "Technology", "科技" }, { "Engineering", "工程" }, { "Science", "理工" }, { "Medicine", "医科" },
  { "Finance", "财经" }, { "Foreign Studies", "外国语" }, { "Normal", "师范" }, { "Agriculture", "农业" },
  { "Information", "信息" }, { "Maritime", "海事" },
};

static const char * const industries[][2] = {
  { "Software", "软件" }, { "Telecom", "通信" }, { "Robotics", "机器人" }, { "Energy", "能源" },
  { "Semiconductor", "半导体" }, { "Logistics", "物流" }, { "Cloud", "云计算" }, { "Biotech", "生物" },
};

static const char * const surnames[] = {
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
  "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo",
};

static const char * const given[] = {
  "Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Hui", "Qiang", "Ping", "Xiaoming",
  "Jiayi", "Haoran", "Yuxuan", "Zihan", "Chunyu", "Jinsong", "Qiming", "Shuxin", "Xu",
};

static const char * const roles[] = {
  "President", "Vice president", "Dean", "Director of international cooperation",
  "Head of industry relations", "General manager", "Project officer", "Professor",
};

static const char * const areas[] = {
  "digital education", "joint talent training", "smart campus", "artificial intelligence",
  "scientific research", "student exchange", "lifelong learning", "industry college",
};

static const char * const event_words[][2] = {
  { "Delegation visit to", "visit" }, { "Signing ceremony with", "signing" },
  { "Exchange meeting with", "meeting" }, { "Annual conference of", "conference" },
  { "Guest talk at", "talk" },
};

static const char * const institution_kinds[] = { "university", "company", "government", "exchange-centre", "college", "other" };
static const char * const agreement_kinds[] = { "strategic", "framework", "sub-agreement", "intention", "contract" };
static const char * const statuses[] = { "proposed", "negotiating", "signed", "active", "expired", "terminated" };

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* 2020-01-01T00:00:00Z, where the generated records' times begin, in milliseconds. */
#define BASE_UNIX_MS G_GUINT64_CONSTANT (1577836800000)

/*
 * A UUID in the time-ordered layout of version 7 (RFC 9562): 48 bits of milliseconds,
 * here the creation time of the @n-th generated record, then random bits.  Records
 * made in one batch append to the UUID indexes instead of landing all over them.
 */
static char *
random_uuid (GRand *rand,
             guint  n)
{
  guint64 ms = BASE_UNIX_MS + (guint64) n * 1000;
  guint32 b = g_rand_int (rand), c = g_rand_int (rand), d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x",
                          (guint32) (ms >> 16), (guint) (ms & 0xffff), b & 0xfff,
                          0x8000 | (c >> 18), c & 0xffff, d);
}

static char *
random_date (GRand *rand)
{
  int year = g_rand_int_range (rand, 2000, 2027);
  int month = g_rand_int_range (rand, 1, 13);
  int day = g_rand_int_range (rand, 1, 29);

  switch (g_rand_int_range (rand, 0, 20))
    {
    case 0:
      return g_strdup_printf ("%04d", year);
    case 1:
      return g_strdup_printf ("%04d-%02d", year, month);
    case 2:
      return g_strdup_printf ("--%02d-%02d", month, day);
    default:
      return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
    }
}

static void
set_times (LiaisonRecord *record,
           GDateTime     *base,
           guint          n)
{
  g_autoptr(GDateTime) when = g_date_time_add_seconds (base, n);
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

  liaison_record_set_created (record, text);
  liaison_record_set_modified (record, text);
}

#define BULK_CACHE_KIB 262144  /* 256 MiB, for one big transaction */

static gboolean
save (LiaisonStore   *store,
      LiaisonRecord  *record,
      GError        **error)
{
  return _liaison_store_save_full (store, record, LIAISON_SAVE_KEEP_TIMES | LIAISON_SAVE_NO_LOG | LIAISON_SAVE_NEW, error);
}

/**
 * liaison_generate:
 *
 * Adds synthetic records to @store in one transaction; the same options give the same
 * records.
 */
gboolean
liaison_generate (LiaisonStore                  *store,
                  const LiaisonGenerateOptions  *options,
                  GError                       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->random_seed);
  g_autoptr(GPtrArray) institutions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agreements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  gint64 old_cache_size;
  gboolean ok;
  guint n = 0;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (!_liaison_store_begin (store, error))
    return FALSE;

  /* A million random UUIDs land all over their indexes: with SQLite's default 2 MB
   * page cache, the one transaction would spill and re-read pages for minutes. */
  old_cache_size = _liaison_store_set_cache_size (store, -BULK_CACHE_KIB);
  indexes = _liaison_store_suspend_indexes (store, error);
  if (indexes == NULL)
    goto failed;

  for (guint i = 0; i < options->institutions; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);
      g_autofree char *name = NULL;
      g_autofree char *local = NULL;
      g_autofree char *uuid = random_uuid (rand, n);
      guint city = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
      const char *kind = PICK (rand, institution_kinds);

      if (g_str_equal (kind, "company"))
        {
          guint industry = g_rand_int_range (rand, 0, G_N_ELEMENTS (industries));
          name = g_strdup_printf ("%s %s Co., Ltd. No. %u", cities[city][0], industries[industry][0], i + 1);
          local = g_strdup_printf ("%s%s有限公司%u号", cities[city][1], industries[industry][1], i + 1);
        }
      else
        {
          guint subject = g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects));
          name = g_strdup_printf ("%s University of %s No. %u", cities[city][0], subjects[subject][0], i + 1);
          local = g_strdup_printf ("%s%s大学%u号", cities[city][1], subjects[subject][1], i + 1);
        }

      liaison_record_set_uuid (record, uuid);
      liaison_record_set_field (record, "name", name);
      liaison_record_set_field (record, "local-name", local);
      liaison_record_set_field (record, "kind", kind);
      liaison_record_set_field (record, "country", "China");
      liaison_record_set_field (record, "city", cities[city][0]);
      if (institutions->len > 0 && g_rand_int_range (rand, 0, 10) == 0)
        liaison_record_set_field (record, "parent",
                                  g_ptr_array_index (institutions, g_rand_int_range (rand, 0, institutions->len)));
      set_times (record, base, n++);
      if (!save (store, record, error))
        goto failed;
      g_ptr_array_add (institutions, g_steal_pointer (&uuid));
    }

  for (guint i = 0; i < options->people; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_PERSON);
      g_autofree char *name = g_strdup_printf ("%s %s", PICK (rand, surnames), PICK (rand, given));
      g_autofree char *uuid = random_uuid (rand, n);

      liaison_record_set_uuid (record, uuid);
      liaison_record_set_field (record, "name", name);
      liaison_record_set_field (record, "role", PICK (rand, roles));
      if (institutions->len > 0)
        liaison_record_set_field (record, "institution",
                                  g_ptr_array_index (institutions, g_rand_int_range (rand, 0, institutions->len)));
      set_times (record, base, n++);
      if (!save (store, record, error))
        goto failed;
      g_ptr_array_add (people, g_steal_pointer (&uuid));
    }

  for (guint i = 0; i < options->agreements; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_AGREEMENT);
      g_autofree char *uuid = random_uuid (rand, n);
      g_autofree char *signed_date = NULL;
      g_autofree char *title = NULL;
      const char *area = PICK (rand, areas);

      title = g_strdup_printf ("Cooperation agreement on %s No. %u", area, i + 1);
      liaison_record_set_uuid (record, uuid);
      liaison_record_set_field (record, "title", title);
      liaison_record_set_field (record, "kind", PICK (rand, agreement_kinds));
      liaison_record_set_field (record, "status", PICK (rand, statuses));
      signed_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2005, 2027),
                                     g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      liaison_record_set_field (record, "signed", signed_date);
      liaison_record_set_field (record, "start", signed_date);
      if (g_rand_boolean (rand))
        {
          g_autofree char *end = g_strdup_printf ("%04d%s", atoi (signed_date) + g_rand_int_range (rand, 1, 6),
                                                  signed_date + 4);
          liaison_record_set_field (record, "end", g_str_has_suffix (end, "-02-29") ? NULL : end);
        }
      if (agreements->len > 0 && g_rand_int_range (rand, 0, 8) == 0)
        liaison_record_set_field (record, "parent",
                                  g_ptr_array_index (agreements, g_rand_int_range (rand, 0, agreements->len)));
      for (guint p = 0; p < 2 && p < institutions->len; p++)
        {
          const char *party = g_ptr_array_index (institutions, g_rand_int_range (rand, 0, institutions->len));
          gboolean dup = FALSE;

          for (guint k = 0; k < liaison_record_get_links (record)->len; k++)
            dup |= g_str_equal (((LiaisonLink *) g_ptr_array_index (liaison_record_get_links (record), k))->target, party);
          if (!dup)
            liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_PARTY, party,
                                                               p == 0 ? "university" : "partner", NULL));
        }
      liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_TAG, area, NULL, NULL));
      set_times (record, base, n++);
      if (!save (store, record, error))
        goto failed;
      g_ptr_array_add (agreements, g_steal_pointer (&uuid));
    }

  for (guint i = 0; i < options->events; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_EVENT);
      g_autofree char *uuid = random_uuid (rand, n);
      g_autofree char *title = NULL;
      g_autofree char *date = random_date (rand);
      guint word = g_rand_int_range (rand, 0, G_N_ELEMENTS (event_words));
      guint city = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
      const char *host = institutions->len ? g_ptr_array_index (institutions, g_rand_int_range (rand, 0, institutions->len)) : NULL;

      title = g_strdup_printf ("%s %s partners, session %u", event_words[word][0], cities[city][0], i + 1);
      liaison_record_set_uuid (record, uuid);
      liaison_record_set_field (record, "title", title);
      liaison_record_set_field (record, "kind", event_words[word][1]);
      liaison_record_set_field (record, "date", date);
      liaison_record_set_field (record, "city", cities[city][0]);
      liaison_record_set_field (record, "place", cities[city][1]);
      liaison_record_set_field (record, "host", host);
      if (host)
        liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_INSTITUTION, host, "host", NULL));
      if (people->len > 0 && g_rand_boolean (rand))
        liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_PERSON,
                                                           g_ptr_array_index (people, g_rand_int_range (rand, 0, people->len)),
                                                           "speaker", NULL));
      if (agreements->len > 0 && g_rand_int_range (rand, 0, 4) == 0)
        liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_AGREEMENT,
                                                           g_ptr_array_index (agreements, g_rand_int_range (rand, 0, agreements->len)),
                                                           NULL, NULL));
      set_times (record, base, n++);
      if (!save (store, record, error))
        goto failed;
    }

  summary = g_strdup_printf (_("Generated %u institutions, %u people, %u agreements and %u events"),
                             options->institutions, options->people, options->agreements, options->events);
  if (!_liaison_store_resume_indexes (store, indexes, error))
    goto failed;
  ok = _liaison_store_commit (store, "import", summary, error);
  _liaison_store_set_cache_size (store, old_cache_size);
  return ok;

failed:
  _liaison_store_rollback (store);
  _liaison_store_set_cache_size (store, old_cache_size);
  return FALSE;
}
