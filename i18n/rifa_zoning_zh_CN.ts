<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AffectedUnitsAlgorithm</name>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Administrative units (counties, townships, villages)</source>
      <translation>行政区(县、乡镇、村)</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Affected administrative units</source>
      <translation>涉及的行政区</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Affected units</source>
      <translation>涉及的行政区</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Lists the administrative units (counties, townships or villages) that lie in each zone, for the lockdown order (chapter 5, section 2) and the reports (chapter 3, section 1).

One row per unit and zone they overlap: unit_id, unit_name, zone_type and zone_id (copied from the zone layer when it has these fields; otherwise zone_type is empty and zone_id is the feature id), area_km2 of the unit inside the zone, unit_area_km2 and share_pct (the share of the unit inside the zone). Areas are true ground areas whatever the CRS: they are computed in an equal-area projection centred on the zones. Units that only touch a zone (overlap under 1 m²) are left out. Sorted by zone (occurrence, quarantine, threatened, then zone_id), then unit name.</source>
      <translation>列出位于各区域内的行政区(县、乡镇或村)，供发布封锁令(第五章 二)和疫情报告(第三章 一)使用。

行政区与区域每有一处重叠输出一行：unit_id、unit_name、zone_type 和 zone_id(区域图层有这些字段时从中复制；否则 zone_type 为空，zone_id 为要素编号)、行政区位于区域内的面积 area_km2、行政区总面积 unit_area_km2 以及 share_pct(行政区位于区域内的比例)。无论坐标系如何，面积均为实际地面面积：在以区域为中心的等积投影中计算。仅与区域相接(重叠不足 1 m²)的行政区不列出。先按区域排序(发生区、疫区、受威胁区，再按 zone_id)，再按行政区名称排序。</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Unit id field (e.g. adcode)</source>
      <translation>行政区代码字段(如 adcode)</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Unit name field</source>
      <translation>行政区名称字段</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Zones</source>
      <translation>区域</translation>
    </message>
  </context>
  <context>
    <name>BarrierBufferAlgorithm</name>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>&lt;p&gt;&lt;b&gt;Input&lt;/b&gt;: points (nests), lines or polygons (a polygon includes itself and grows from its boundary). A feature inside a barrier polygon gets a warning and that polygon does not block it: its zone spreads inside and out of it, and the polygon still blocks every other feature. Distances are metres on the ground whatever the CRS: geographic or Web Mercator data are processed in a local projected CRS named in the log. Invalid geometries are repaired, features without geometry skipped (counted in the log). An input without features gives an empty output and a warning.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dissolve&lt;/b&gt; (default): one polygon per connected zone with &lt;code&gt;zone_id&lt;/code&gt;, &lt;code&gt;area_km2&lt;/code&gt; and &lt;code&gt;radius_m&lt;/code&gt;. Otherwise one zone per input feature with its attributes plus &lt;code&gt;area_km2&lt;/code&gt; and &lt;code&gt;radius_m&lt;/code&gt;. The output is in the input's CRS.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;输入&lt;/b&gt;：点(蚁巢)、线或面(面包含其自身，并从其边界向外扩展)。位于屏障面内的要素会收到警告，该屏障面对它不起阻隔作用：其区域在屏障面内外扩展，而该屏障面对其他要素仍起阻隔作用。无论坐标系如何，距离均为实际地面米数：地理坐标或 Web 墨卡托数据在日志中注明的局部投影坐标系中处理。无效几何会被修复，无几何的要素被跳过(在日志中计数)。输入没有要素时输出为空并给出警告。&lt;/p&gt;&lt;p&gt;&lt;b&gt;融合&lt;/b&gt;(默认)：每个连通区域一个面，带 &lt;code&gt;zone_id&lt;/code&gt;、&lt;code&gt;area_km2&lt;/code&gt; 和 &lt;code&gt;radius_m&lt;/code&gt; 字段。否则每个输入要素一个区域，保留其属性并加上 &lt;code&gt;area_km2&lt;/code&gt; 和 &lt;code&gt;radius_m&lt;/code&gt;。输出采用输入图层的坐标系。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>&lt;p&gt;Everything within &lt;i&gt;Distance&lt;/i&gt; metres of the input features along a path that crosses no barrier: the zone wraps around the end of a river or ridge, passes through a gap (bridge, pass) and spreads out beyond it as far as the remaining distance allows, and never jumps across a barrier. Without barriers it is the ordinary buffer. The emergency plan requires natural barriers such as rivers and mountains to be considered when a quarantine zone is delineated (chapter 3, section 2(2)).&lt;/p&gt;&lt;p&gt;The zone is exact in vector form (no raster, no split buffer): every boundary point lies within max(1 m, 0.1 % of the distance) of the true boundary, inside it.&lt;/p&gt;</source>
      <translation>&lt;p&gt;沿不穿越任何屏障的路径、距输入要素不超过&lt;i&gt;距离&lt;/i&gt;米的全部范围：区域绕过河流或山脊的端点，穿过缺口(桥梁、山口)并在其后按剩余距离继续扩展，绝不跨越屏障。没有屏障时即为普通缓冲区。应急预案要求划分疫区时考虑河流、山脉等天然屏障(第三章 二(二))。&lt;/p&gt;&lt;p&gt;区域以矢量形式精确计算(不用栅格，也不拼接缓冲区)：每个边界点与真实边界的距离不超过 max(1 m，距离的 0.1 %)，且位于其内侧。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware buffer</source>
      <translation>顾及屏障的缓冲区</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware zones</source>
      <translation>顾及屏障的区域</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware zones written to {output}</source>
      <translation>顾及屏障的区域已写入 {output}</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Dissolve (one polygon per connected zone)</source>
      <translation>融合(每个连通区域一个面)</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Distance (metres)</source>
      <translation>距离(米)</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Input (nests, occurrence points, zones)</source>
      <translation>输入(蚁巢、发生点、区域)</translation>
    </message>
  </context>
  <context>
    <name>BarrierParameters</name>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>&lt;p&gt;&lt;b&gt;Barriers&lt;/b&gt;: line layers (rivers, ridges) and polygon layers (lakes, reservoirs, mountain massifs), in any CRS. A zone never crosses a barrier line and never enters a barrier polygon; it wraps around the end of a barrier and spreads through gaps. A line end within 0.1 m of another barrier is joined to it (digitizing noise); a wider gap is an opening.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Crossings&lt;/b&gt;: points (bridges, mountain passes). Each crossing opens every barrier within &lt;i&gt;Crossing width&lt;/i&gt; / 2 of it; a crossing farther than that from every barrier opens nothing and gets a warning.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;屏障&lt;/b&gt;：线图层(河流、山脊)和面图层(湖泊、水库、山体)，坐标系不限。区域绝不跨越屏障线，也不进入屏障面；它绕过屏障的端点，并经缺口向外扩展。线的端点距另一屏障不足 0.1 米时与之相接（数字化误差）；更宽的缺口即为通道。&lt;/p&gt;&lt;p&gt;&lt;b&gt;穿越点&lt;/b&gt;：点(桥梁、山口)。每个穿越点打开其周围&lt;i&gt;穿越宽度&lt;/i&gt; / 2 范围内的所有屏障；距所有屏障都更远的穿越点不打开任何屏障，并给出警告。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barriers (rivers, ridges as lines; lakes, mountains as polygons)</source>
      <translation>屏障(河流、山脊为线；湖泊、山体为面)</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Crossing width (metres)</source>
      <translation>穿越宽度(米)</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Crossings (bridges, passes)</source>
      <translation>穿越点(桥梁、山口)</translation>
    </message>
  </context>
  <context>
    <name>CheckpointsAlgorithm</name>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Checkpoints</source>
      <translation>检查站</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Finds every place where a road crosses the boundary of a zone, usually the quarantine zone: the plan requires a guard with disinfection equipment at every road entrance and exit of the quarantine zone (chapter 5, section 2: lockdown).

A road through the zone gives two checkpoints, a road ending inside one, a road entirely inside or outside none. Each part of a multi-part road counts on its own. A road that only touches the boundary without entering gives none. A road end lying exactly on the boundary is taken to continue outside, so road networks split at nodes still give their entrance once.

Crossings of the same zone closer than the merge distance (metres on the ground, chained) become one checkpoint, placed at the crossing nearest the middle of the group; the road names are joined with ' / '.

Output: points in the CRS of the zone layer, numbered 1, 2, 3… zone by zone (zone_id order) and clockwise around each zone's centre starting from north (bearing_deg), so a printed list can be walked in order. lon/lat are WGS 84 degrees for field teams. zone_id comes from the zone layer's zone_id field, or the feature id when it has none.</source>
      <translation>找出道路穿过区域(通常为疫区)边界的每一处：预案要求在所有进出疫区的交通路口派专人守护并配备消毒设备(第五章 二，封锁)。

穿过区域的道路产生两个检查站，终止于区域内的道路产生一个，完全位于区域内或区域外的道路不产生检查站。多部件道路的每个部件单独计算。只与边界相接而不进入的道路不产生检查站。端点恰好位于边界上的道路视为向外延续，因此在节点处打断的路网仍只给出一次入口。

同一区域内相距小于合并距离(地面米数，链式合并)的穿越处合并为一个检查站，位于最靠近该组中间的穿越处；道路名称以 ' / ' 连接。

输出：采用区域图层坐标系的点，逐个区域(按 zone_id 顺序)编号 1、2、3…，并在每个区域内从正北开始绕区域中心顺时针编号(bearing_deg)，便于按打印清单依次巡查。lon/lat 为 WGS 84 经纬度，供外业人员使用。zone_id 取自区域图层的 zone_id 字段，没有该字段时取要素编号。</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Merge crossings closer than (metres)</source>
      <translation>合并间距小于此值的穿越处(米)</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road checkpoints (where roads enter the zone)</source>
      <translation>道路出入口检查站(道路进入区域处)</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road class field</source>
      <translation>道路等级字段</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road name field</source>
      <translation>道路名称字段</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Zones (usually the quarantine zones)</source>
      <translation>区域(通常为疫区)</translation>
    </message>
  </context>
  <context>
    <name>DelineateZonesAlgorithm</name>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>&lt;p&gt;Draws the zones of the emergency plan around the nests the field teams found (profile {profile}).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Occurrence points&lt;/b&gt;: one natural village or community with nests (chapter 3, section 2(2)1). With &lt;i&gt;Natural villages&lt;/i&gt;, the nests in one village make one occurrence point; nests outside every village are grouped among themselves by the grouping distance and get no village name (the log lists them). Without villages, nests not farther apart than the grouping distance, chained, make one occurrence point.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zones&lt;/b&gt; are drawn around every nest, not around centroids, in metres on the ground whatever the CRS: occurrence areas (chapter 3, section 2(2)1, legal radius {o_low:g}–{o_high:g} m), quarantine zones (chapter 3, section 2(2)2, {q_low:g}–{q_high:g} m) and threatened zones (chapter 3, section 2(2)3: the band {t_low:g}–{t_high:g} m beyond the quarantine zone, a ring that does not cover it). Radii outside the profile's range are refused.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Natural barriers&lt;/b&gt; (rivers, ridges; the plan requires them to be considered when the quarantine zone is drawn): zones follow the shortest path that never crosses a barrier line or enters a barrier polygon, except through crossings (bridges, passes). The threatened ring is exact: the barrier-aware buffer of the quarantine zone by the extension equals the barrier-aware zone of radius quarantine radius + extension around the nests, so the ring is that zone minus the quarantine zone.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The 3-point rule&lt;/b&gt;: a zone needs at least MIN_POINTS occurrence points ({min_points} in this profile). Every zone is drawn; &lt;i&gt;meets_rule&lt;/i&gt; says whether it qualifies and the log lists the ones that do not. Each connected part is one zone with its &lt;i&gt;zone_id&lt;/i&gt;. A threatened zone lists the quarantine zones it surrounds in &lt;i&gt;quarantine_ids&lt;/i&gt; (rings of nearby zones merge); its counts are their totals.&lt;/p&gt;&lt;p&gt;Attributes: zone_type, zone_id, n_points, n_nests, meets_rule, radius_m (for threatened zones the extension), area_km2 (true ground area), quarantine_ids, profile, computed_at. Occurrence points: point_id, village, n_nests, first_seen, last_seen (from the date field: dates, date-times or ISO text), zone_id of their quarantine zone.&lt;/p&gt;</source>
      <translation>&lt;p&gt;围绕外业人员发现的蚁巢，划定应急预案规定的各类区域(规则配置 {profile})。&lt;/p&gt;&lt;p&gt;&lt;b&gt;发生点&lt;/b&gt;：有蚁巢分布的一个自然村或一个社区(第三章 二(二)1)。提供&lt;i&gt;自然村&lt;/i&gt;图层时，同一自然村内的蚁巢构成一个发生点；位于所有自然村之外的蚁巢按归并距离相互归并，不带村名(日志中列出)。不提供自然村时，相距不超过归并距离的蚁巢(链式归并)构成一个发生点。&lt;/p&gt;&lt;p&gt;&lt;b&gt;区域&lt;/b&gt;围绕每个蚁巢(而非质心)绘制，无论坐标系如何，距离均为实际地面米数：发生区(第三章 二(二)1，法定半径 {o_low:g}–{o_high:g} 米)、疫区(第三章 二(二)2，{q_low:g}–{q_high:g} 米)和受威胁区(第三章 二(二)3：疫区外顺延 {t_low:g}–{t_high:g} 米的环带，不覆盖疫区本身)。超出规则配置范围的半径将被拒绝。&lt;/p&gt;&lt;p&gt;&lt;b&gt;天然屏障&lt;/b&gt;(河流、山脊；预案要求划分疫区时注意考虑天然屏障)：区域沿不穿越屏障线、不进入屏障面的最短路径扩展，只能经穿越点(桥梁、山口)通过。受威胁区环带是精确的：疫区按外延距离所作的顾及屏障缓冲区，等于围绕蚁巢以“疫区半径 + 外延距离”为半径所作的顾及屏障区域，因此环带即该区域减去疫区。&lt;/p&gt;&lt;p&gt;&lt;b&gt;3 个发生点规则&lt;/b&gt;：一个区域至少需要 MIN_POINTS 个发生点(本规则配置为 {min_points} 个)。所有区域都会绘制；&lt;i&gt;meets_rule&lt;/i&gt; 表示是否符合规则，日志列出不符合的区域。每个连通部分为一个区域，有各自的 &lt;i&gt;zone_id&lt;/i&gt;。受威胁区在 &lt;i&gt;quarantine_ids&lt;/i&gt; 中列出其环绕的疫区(相邻区域的环带会合并)；其计数为这些疫区的合计。&lt;/p&gt;&lt;p&gt;属性：zone_type、zone_id、n_points、n_nests、meets_rule、radius_m(受威胁区为外延距离)、area_km2(实际地面面积)、quarantine_ids、profile、computed_at。发生点：point_id、village、n_nests、first_seen、last_seen(取自日期字段：日期、日期时间或 ISO 格式文本)、所在疫区的 zone_id。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Delineate outbreak zones (occurrence, quarantine, threatened)</source>
      <translation>划定疫情区域(发生区、疫区、受威胁区)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Detection date field</source>
      <translation>发现日期字段</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Grouping distance (m): nests this close form one occurrence point (without villages)</source>
      <translation>归并距离(米)：相距不超过此距离的蚁巢构成一个发生点(未提供自然村图层时)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Layer '{layer}' has no nests with a geometry.</source>
      <translation>图层“{layer}”没有带几何的蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Minimum occurrence points per zone [{profile}: {count}]</source>
      <translation>每个区域的最少发生点数 [{profile}：{count}]</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Natural villages / communities</source>
      <translation>自然村 / 社区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Nests (detections)</source>
      <translation>蚁巢(发现点)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence area radius (m)</source>
      <translation>发生区半径(米)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence points</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Quarantine radius (m)</source>
      <translation>疫区半径(米)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Rule profile (JSON; empty: Putian 2006)</source>
      <translation>规则配置(JSON；留空：莆田 2006)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>The date field '{field}' is not a field of layer '{layer}'.</source>
      <translation>日期字段“{field}”不是图层“{layer}”的字段。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>The village name field '{field}' is not a field of layer '{layer}'.</source>
      <translation>村名字段“{field}”不是图层“{layer}”的字段。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Threatened zone extension beyond the quarantine zone (m)</source>
      <translation>受威胁区在疫区外的外延距离(米)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Village name field</source>
      <translation>村名字段</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>rifa,fire ant,nests,occurrence,quarantine,threatened,zone,barrier</source>
      <translation>红火蚁,蚁巢,发生点,发生区,疫区,受威胁区,屏障,区域划定,rifa,fire ant,nests,occurrence,quarantine,threatened,zone,barrier</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{name} [legal {low:g}–{high:g}, {profile}]</source>
      <translation>{name} [法定范围 {low:g}–{high:g}，{profile}]</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{name} {count} ({meeting} meet the rule, {area:.1f} km²)</source>
      <translation>{name} {count} 个({meeting} 个符合规则，{area:.1f} km²)</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{nests} nests, {points} occurrence points; {zones}; radii {o:g}/{q:g}/+{t:g} m; profile {profile}</source>
      <translation>{nests} 个蚁巢，{points} 个发生点；{zones}；半径 {o:g}/{q:g}/+{t:g} 米；规则配置 {profile}</translation>
    </message>
  </context>
  <context>
    <name>LockdownMapAlgorithm</name>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Administrative units</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Barriers shown on the map (rivers, ridges)</source>
      <translation>图上显示的屏障(河流、山脊)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Checkpoints (from Road checkpoints)</source>
      <translation>检查站(由“道路出入口检查站”算法生成)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Issue date</source>
      <translation>发布日期</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Issuing authority</source>
      <translation>发布机关</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown map (PDF)</source>
      <translation>封锁令附图(PDF)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown order number</source>
      <translation>封锁令文号</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Map (PDF)</source>
      <translation>附图(PDF)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Orientation</source>
      <translation>方向</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Outbreak grade</source>
      <translation>疫情等级</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Paper</source>
      <translation>纸张</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Preview (PNG, first page)</source>
      <translation>预览图(PNG，第一页)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Prints the zone map annexed to the lockdown order (chapter 5, section 2): the quarantine zone (orange) with, when given, the occurrence areas (red), threatened zones (yellow), nests, numbered road checkpoints, administrative boundaries, and the rivers and ridges (BARRIERS) and roads (ROADS) that explain where the zones stop and where guards stand; title, order number, issuing authority, date and outbreak grade; legend, scale bar, north arrow, longitude/latitude grid, CRS and data sources, the rule profile cited; the table of checkpoints and the table of affected units (from the zones and UNITS), continued on further pages when long. The legend shows only what the map shows; the side panel makes room for it (the tables get shorter and continue on further pages).

BARRIERS: rivers are drawn blue, ridges brown dashed, known from the layer's name (or its table's) or from a field such as 'kind' or 'type'; other barriers get one barrier style.

PAPER: 0 = A4, 1 = A3. ORIENTATION: 0 = landscape, 1 = portrait. The layout comes from resources/layouts/lockdown_map.qpt (landscape) or lockdown_map_portrait.qpt, A4; A3 enlarges every item in proportion. A bureau can edit these templates in the layout designer; items are found by their id.

The map is drawn in the quarantine layer's CRS when it is projected, otherwise in the UTM zone of the zones. Chinese text uses Noto Sans CJK SC (Debian fonts-noto-cjk) or another Chinese font found on the system, embedded in the PDF. The PDF is written only when complete. OUTPUT_PNG (optional) is a preview of the first page.

LANGUAGE: the language of the sheet, 0 = Chinese (default, the language of the lockdown order), 1 = English; it does not follow the language of the interface. Texts a bureau has changed in the template are printed as they are.</source>
      <translation>打印封锁令所附的区域图(第五章 二)：疫区(橙色)，以及提供时的发生区(红色)、受威胁区(黄色)、蚁巢、编号的道路出入口检查站、行政区界，以及说明区域止于何处、检查站设在何处的河流、山脊(BARRIERS)和道路(ROADS)；标题、封锁令文号、发布机关、发布日期和疫情等级；图例、比例尺、指北针、经纬网、坐标系和数据来源、所依据的规则配置；检查站表和涉及行政区表(由区域和 UNITS 计算)，表格过长时在后续页续表。图例只列出图上出现的内容；侧栏为图例让出位置(表格相应缩短，其余行在后续页续表)。

BARRIERS：河流绘为蓝色，山脊绘为棕色虚线，按图层名(或其数据表名)或 kind、type 等字段判断；其他屏障使用统一的屏障样式。

PAPER：0 = A4，1 = A3。ORIENTATION：0 = 横向，1 = 纵向。版式取自 resources/layouts/lockdown_map.qpt(横向)或 lockdown_map_portrait.qpt，A4；A3 按比例放大所有元素。各单位可在布局设计器中编辑这些模板；元素按其 ID 查找。

疫区图层为投影坐标系时按其坐标系制图，否则采用区域所在的 UTM 带。中文使用 Noto Sans CJK SC(Debian fonts-noto-cjk)或系统中的其他中文字体，并嵌入 PDF。PDF 仅在完整生成后写出。OUTPUT_PNG(可选)为第一页的预览图。

LANGUAGE：图面文字的语言，0 = 中文(默认，即封锁令的语言)，1 = 英文；不随界面语言变化。单位在模板中改过的文字按原样打印。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Roads shown on the map</source>
      <translation>图上显示的道路</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Rule profile (default: Putian 2006)</source>
      <translation>规则配置(默认：莆田 2006)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Sheet language</source>
      <translation>图面语言</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Unit id field (default: guessed)</source>
      <translation>行政区代码字段(默认：自动识别)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Unit name field (default: guessed)</source>
      <translation>行政区名称字段(默认：自动识别)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>landscape</source>
      <translation>横向</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>portrait</source>
      <translation>纵向</translation>
    </message>
  </context>
  <context>
    <name>LockdownSheet</name>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Administrative boundaries</source>
      <translation>行政区界</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Administrative unit</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Administrative units concerned ([% @rifa_unit_count %])</source>
      <translation>涉及行政区（[% @rifa_unit_count %] 项）</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Area km²</source>
      <translation>面积km²</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>CRS: {crs}; graticule: WGS 84</source>
      <translation>坐标系：{crs}；经纬网：WGS 84</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Class</source>
      <translation>等级</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Data sources: {sources}</source>
      <translation>数据来源：{sources}</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Date of issue: [% @rifa_issue_date %]</source>
      <translation>发布日期：[% @rifa_issue_date %]</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Delineated under: {profile}. Internal working map. Made with RIFA Zoning {version}, {date}</source>
      <translation>划定依据：{profile}。内部工作用图。制图：RIFA Zoning {version}，{date}</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Graticule</source>
      <translation>经纬网</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Issued by: [% @rifa_authority %]</source>
      <translation>发布机关：[% @rifa_authority %]</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Latitude</source>
      <translation>纬度</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Legend</source>
      <translation>图例</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown map of the red imported fire ant quarantine zone</source>
      <translation>红火蚁疫区封锁范围图</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Lockdown order no.: [% @rifa_order_number %]</source>
      <translation>封锁令文号：[% @rifa_order_number %]</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Longitude</source>
      <translation>经度</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Natural barrier</source>
      <translation>自然屏障</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Natural barriers</source>
      <translation>自然屏障</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>No.</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence area</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence point</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Outbreak grade: [% @rifa_grade %]</source>
      <translation>疫情等级：[% @rifa_grade %]</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Quarantine zone</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Ridge (barrier)</source>
      <translation>山脊(屏障)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>River (barrier)</source>
      <translation>河流(屏障)</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Road</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Road entrance checkpoints</source>
      <translation>道路出入口检查站</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Road entrance checkpoints ([% @rifa_checkpoint_count %])</source>
      <translation>道路出入口检查站（[% @rifa_checkpoint_count %] 处）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Share %</source>
      <translation>占比%</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The administrative boundaries are sample data (GCJ-02 coordinates, off by several hundred metres, for illustration only)</source>
      <translation>行政区界为样例数据（GCJ-02 坐标，偏差数百米，仅示意）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Threatened zone</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Zone</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Zone no.</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>computed result</source>
      <translation>计算结果</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>fewer than {n} occurrence points</source>
      <translation>不足{n}个发生点</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>meets the {n}-point rule</source>
      <translation>符合{n}个发生点规则</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{name} ({crs})</source>
      <translation>{name}（{crs}）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{text}. {note}</source>
      <translation>{text}。{note}</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{title} (continued)</source>
      <translation>{title}（续表）</translation>
    </message>
  </context>
  <context>
    <name>OutbreakGradeAlgorithm</name>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Affected cities</source>
      <translation>涉及设区市数</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Affected counties</source>
      <translation>涉及的县(市、区)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Choose the nests layer and the county-level units layer.</source>
      <translation>请选择蚁巢图层和县级行政区图层。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>City code field (empty: derive from 6-digit county adcodes)</source>
      <translation>设区市代码字段(留空：由 6 位县级行政区划代码推算)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>City name field</source>
      <translation>设区市名称字段</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County code field (adcode)</source>
      <translation>县级代码字段(adcode)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County name field</source>
      <translation>县级名称字段</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County-level units (administrative areas)</source>
      <translation>县级行政区(行政区域)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Decides the outbreak grade (chapter 1, section 4) from the county-level units that hold nests: Grade III when nests lie in 1 county-level unit (chapter 1, section 4(1)); Grade II in 2 or more counties (chapter 1, section 4(2)); Grade I in 2 or more prefecture-level cities or in 10 or more counties of the province (chapter 1, section 4(3)). "Or more" includes the number itself (chapter 7, section 2). Thresholds come from the rule profile.

The grade decides who activates the plan and who issues the lockdown order (chapter 4); the log names them.

ADMIN: county-level units, any CRS (nests in another CRS are reprojected). Without a city code field the city is derived from 6-digit county adcodes (350304 → 350300). PROVINCE_FIELD: affected counties are counted per province for the 10-county rule (the plan is a provincial plan); without it the whole layer counts as one province.

OVERRIDE_GRADE (0 = none, 1 = II, 2 = I) raises the grade when a higher authority designates it or for special circumstances; it never lowers it, needs OVERRIDE_REASON (who decided, why) and is recorded.

Outputs: GRADE (3, 2, 1; 0 when no nest lies in any unit), GRADE_LABEL, RULE (the rule that gave the grade, with its section), N_COUNTIES, N_CITIES, N_UNASSIGNED (nests outside every unit, also warned) and the table of affected counties.</source>
      <translation>根据有蚁巢分布的县级行政区确定疫情等级(第一章 四)：蚁巢位于 1 个县级行政区域内为三级疫情(第一章 四(一))；在 2 个以上县(区)发生为二级疫情(第一章 四(二))；在 2 个以上设区市发生或全省 10 个以上县(市、区)发生为一级疫情(第一章 四(三))。“以上”均含本数(第七章 二)。阈值取自规则配置。

疫情等级决定由谁启动预案、由谁发布封锁令(第四章)；日志中列出相应机关。

ADMIN：县级行政区，坐标系不限(其他坐标系的蚁巢会被重投影)。没有设区市代码字段时，由 6 位县级行政区划代码推算设区市(350304 → 350300)。PROVINCE_FIELD：按省分别统计涉及的县，用于“10 个以上县”规则(本预案为省内预案)；不指定时整个图层视为一个省。

OVERRIDE_GRADE(0 = 不调整，1 = 二级，2 = 一级)用于上级规定或特殊情况需要提升等级时；只升不降，须填写 OVERRIDE_REASON(谁决定、理由)，并记入处理记录。

输出：GRADE(3、2、1；没有蚁巢位于任何行政区内时为 0)、GRADE_LABEL、RULE(得出该等级的规则及其条款)、N_COUNTIES、N_CITIES、N_UNASSIGNED(位于所有行政区之外的蚁巢，同时给出警告)以及涉及县(市、区)表。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade (3, 2, 1; 0 = no nest in any unit)</source>
      <translation>疫情等级(3、2、1；0 = 没有蚁巢位于任何行政区内)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade label</source>
      <translation>疫情等级名称</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade raised by override from {computed} (reason: {reason}).</source>
      <translation>疫情等级已由 {computed} 人工提升(理由：{reason})。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade: {label}</source>
      <translation>疫情等级：{label}</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests outside every unit</source>
      <translation>位于所有行政区之外的蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Outbreak grade</source>
      <translation>疫情等级</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Plan activated by: {activated}; lockdown order issued by: {order} ({citation}).</source>
      <translation>启动预案：{activated}；发布封锁令：{order}({citation})。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Province field (10-county rule counted per province)</source>
      <translation>省份字段(“10 个以上县”规则按省统计)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Raise the grade (designated by a higher authority / special circumstances)</source>
      <translation>提升疫情等级(上级规定或特殊情况)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Reason for raising the grade (who decided it, why)</source>
      <translation>提升等级的理由(由谁决定、为何提升)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule profile (empty: Putian 2006)</source>
      <translation>规则配置(留空：莆田 2006)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule profile: {profile}</source>
      <translation>规则配置：{profile}</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule that gave the grade</source>
      <translation>得出疫情等级的规则</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule that gave the grade (Chinese)</source>
      <translation>得出疫情等级的规则(中文)</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>none</source>
      <translation>不调整</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>{label}: {rule}; {count} nest(s) outside every unit</source>
      <translation>{label}：{rule}；{count} 个蚁巢位于所有行政区之外</translation>
    </message>
  </context>
  <context>
    <name>RifaAlgorithm</name>
    <message>
      <location filename="../processing/base.py" />
      <source>Lockdown order</source>
      <translation>封锁令</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Outbreak response</source>
      <translation>疫情应急处置</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Recorded in {path}.</source>
      <translation>已记入 {path}。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Zoning</source>
      <translation>疫区划定</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>rifa:{algorithm} stopped on an unexpected error ({error}). No output was written. Please report it with the details from the log panel (tab RIFA Zoning).</source>
      <translation>rifa:{algorithm} 因意外错误而停止({error})。未写入任何输出。请连同日志面板(RIFA Zoning 选项卡)中的详细信息一并报告。</translation>
    </message>
  </context>
  <context>
    <name>RifaZoning</name>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Append-only log in {path}</source>
      <translation>只追加记录，保存在 {path}</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Cannot write the records GeoPackage {path}: {error}</source>
      <translation>无法写入处理记录 GeoPackage {path}：{error}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose the nests layer and the county-level units layer.</source>
      <translation>请选择蚁巢图层和县级行政区图层。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>City code (empty: from adcode)</source>
      <translation>设区市代码(留空：由 adcode 推算)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>City name</source>
      <translation>设区市名称</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County code (adcode)</source>
      <translation>县级代码(adcode)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County name</source>
      <translation>县级名称</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County-level units</source>
      <translation>县级行政区</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>Delineate outbreak zones…</source>
      <translation>划定疫情区域…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Designated by a higher authority or special circumstances (chapter 1, sections 4(2) and 4(3)): raises, never lowers.</source>
      <translation>上级规定或特殊情况(第一章 四(二)、四(三))：只升不降。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Done at</source>
      <translation>完成时间</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Due</source>
      <translation>期限</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Export the records as CSV</source>
      <translation>将处理记录导出为 CSV</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Find checkpoints…</source>
      <translation>查找检查站…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Grade: —</source>
      <translation>疫情等级：—</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Latest zoning run ({time}): {result}</source>
      <translation>最近一次疫区划定({time})：{result}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Latest zoning run: {zones}</source>
      <translation>最近一次疫区划定：{zones}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Measure / report</source>
      <translation>措施 / 报告</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Nests and administrative units</source>
      <translation>蚁巢和行政区</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Next steps</source>
      <translation>下一步</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>No records GeoPackage yet: save the project or choose one.</source>
      <translation>尚无处理记录 GeoPackage：请保存工程或选择一个文件。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>No zoning run yet: run zoning (below) to draw the zones.</source>
      <translation>尚未划定疫区：请运行疫区划定(见下方)绘制各区域。</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak grade (chapter 1, section 4)</source>
      <translation>疫情等级(第一章 四)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak response</source>
      <translation>疫情应急处置</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Overdue — {rule}</source>
      <translation>已逾期 — {rule}</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Plan activated by: {activated}
Lockdown order issued by: {order}
Headquarters: {hq}  ({citation})</source>
      <translation>启动预案：{activated}
发布封锁令：{order}
指挥机构：{hq}  ({citation})</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Print the lockdown map…</source>
      <translation>打印封锁令附图…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Province</source>
      <translation>省份</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>RIFA Zoning</source>
      <translation>红火蚁疫区划定</translation>
    </message>
    <message>
      <location filename="../tools/dependencies.py" />
      <source>RIFA Zoning needs the Python package shapely 2 or newer (found: {found}). Install it for the Python that QGIS uses, then restart QGIS: on Windows (OSGeo4W Shell) run 'python -m pip install "shapely&gt;=2"'; on Debian/Ubuntu run 'make venv' in the plugin folder and start QGIS with 'make qgis' (or put that venv's site-packages on PYTHONPATH); see the README.</source>
      <translation>红火蚁疫区划定插件需要 Python 包 shapely 2 或更高版本(当前：{found})。请为 QGIS 所用的 Python 安装该包，然后重启 QGIS：Windows 下在 OSGeo4W Shell 中运行 'python -m pip install "shapely&gt;=2"'；Debian/Ubuntu 下在插件目录运行 'make venv'，再用 'make qgis' 启动 QGIS(或将该 venv 的 site-packages 加入 PYTHONPATH)；详见 README。</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>RIFA Zoning tools (Processing)</source>
      <translation>红火蚁疫区划定工具(处理工具箱)</translation>
    </message>
    <message>
      <location filename="../processing/provider.py" />
      <source>RIFA quarantine zoning</source>
      <translation>红火蚁疫区划定</translation>
    </message>
    <message>
      <location filename="../processing/provider.py" />
      <source>RIFA quarantine zoning (red imported fire ant)</source>
      <translation>红火蚁(RIFA)疫区划定</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Records</source>
      <translation>处理记录</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Records (chapter 5, section 8)</source>
      <translation>处理记录(第五章 八)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Records GeoPackage</source>
      <translation>处理记录 GeoPackage</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Required measures and reports (chapter 3, section 1; chapter 5)</source>
      <translation>应采取的措施和报告(第三章 一，第五章)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Responsible</source>
      <translation>责任单位</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Run zoning…</source>
      <translation>划定疫区…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Save the project or choose a GeoPackage: nothing is recorded yet.</source>
      <translation>请保存工程或选择一个 GeoPackage：目前尚未记录任何内容。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Show records…</source>
      <translation>查看处理记录…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>T0, outbreak reported at:</source>
      <translation>T0，疫情报告时间：</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records GeoPackage {path} is locked by another program ({error}). Nothing was recorded and the records already in it are intact. Close the other program (or stop editing the table) and try again.</source>
      <translation>处理记录 GeoPackage {path} 被其他程序锁定({error})。本次未记录任何内容，已有记录完好无损。请关闭该程序(或停止编辑该表)后重试。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>below the minimum of occurrence points</source>
      <translation>发生点数不足</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>meets the rule</source>
      <translation>符合发生点数规则</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>next {time} ({rule})</source>
      <translation>下次 {time}({rule})</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>no override</source>
      <translation>不调整等级</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>not done</source>
      <translation>未完成</translation>
    </message>
    <message>
      <location filename="../tools/dependencies.py" />
      <source>not installed</source>
      <translation>未安装</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>occurrence point</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>override removed</source>
      <translation>已取消等级调整</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>override set</source>
      <translation>已设置等级调整</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>raise to Grade I</source>
      <translation>提升为一级疫情</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>raise to Grade II</source>
      <translation>提升为二级疫情</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>report time set</source>
      <translation>已设置报告时间</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>who decided it, and why</source>
      <translation>由谁决定，理由是什么</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{counties} county-level unit(s) in {cities} city(ies); profile {profile}</source>
      <translation>{cities} 个设区市的 {counties} 个县级行政区；规则配置 {profile}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} nest(s) lie outside every county-level unit and are not graded.</source>
      <translation>{count} 个蚁巢位于所有县级行政区之外，未参与定级。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} overdue</source>
      <translation>{count} 项已逾期</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} record(s)</source>
      <translation>{count} 条记录</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>{count} record(s) written to {path}.</source>
      <translation>已将 {count} 条记录写入 {path}。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{id} is not available yet in this version of the plugin.</source>
      <translation>本版本插件尚未提供 {id}。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{name}: {count} zone(s), {area:.1f} km²</source>
      <translation>{name}：{count} 个区域，{area:.1f} km²</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{path} (default, created on the first record)</source>
      <translation>{path}(默认，首次记录时创建)</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{path} is not a GeoPackage: choose a .gpkg file for the records.</source>
      <translation>{path} 不是 GeoPackage：请为处理记录选择一个 .gpkg 文件。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{problem} {outside}</source>
      <translation>{problem}{outside}</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Areas computed in a Lambert azimuthal equal-area projection centred on {lon}°E {lat}°N.</source>
      <translation>面积在以东经 {lon}°、北纬 {lat}° 为中心的兰伯特方位等积投影中计算。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barrier layer '{layer}' is not a line or polygon layer: barriers are lines (rivers, ridges) or polygons (lakes, mountains).</source>
      <translation>屏障图层“{layer}”不是线或面图层：屏障应为线(河流、山脊)或面(湖泊、山体)。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barrier layer '{layer}' is not a vector layer.</source>
      <translation>屏障图层“{layer}”不是矢量图层。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barriers: {lines} line feature(s), {polygons} polygon feature(s), {crossings} crossing(s).</source>
      <translation>屏障：{lines} 个线要素，{polygons} 个面要素，{crossings} 个穿越点。</translation>
    </message>
    <message>
      <location filename="../core/errors.py" />
      <source>Canceled by the user.</source>
      <translation>已被用户取消。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Cannot derive the city from the county code '{code}' ({where}): a county adcode has 6 digits and does not end in 00 (e.g. 350304 → 350300). Choose a city code field instead.</source>
      <translation>无法由县级代码“{code}”({where})推算设区市：县级行政区划代码为 6 位数字且不以 00 结尾(如 350304 → 350300)。请改为指定设区市代码字段。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Cannot read the rule profile {path}: {error}</source>
      <translation>无法读取规则配置 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Cannot write '{path}': {problem}.</source>
      <translation>无法写入“{path}”：{problem}。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}' to '{path}': {problem}.</source>
      <translation>无法将输出“{output}”写入“{path}”：{problem}。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': '{path}' is a folder, not a file.</source>
      <translation>无法写入输出“{output}”：“{path}”是文件夹，不是文件。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': the file '{path}' is read-only.</source>
      <translation>无法写入输出“{output}”：文件“{path}”为只读。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': the folder '{folder}' does not exist.</source>
      <translation>无法写入输出“{output}”：文件夹“{folder}”不存在。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Choose the {parameter} of layer '{layer}'.</source>
      <translation>请为图层“{layer}”选择 {parameter}。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Could not write the map to '{path}': {error}</source>
      <translation>无法将地图写入“{path}”：{error}</translation>
    </message>
    <message>
      <location filename="../core/barriers.py" />
      <source>Crossing '{crossing}' is farther than {half} m from every barrier: it opens nothing.</source>
      <translation>穿越点“{crossing}”距所有屏障都超过 {half} 米：它不打开任何屏障。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Grade override {override} ignored: the nests already give Grade {grade}; an override only raises the grade.</source>
      <translation>等级调整 {override} 未生效：按蚁巢分布已定为 {grade} 级；人工调整只能提升等级。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' has no coordinate reference system (CRS). Set its CRS (Layer Properties &gt; Source) and run again.</source>
      <translation>图层“{layer}”没有坐标参考系(CRS)。请设置其坐标系(图层属性 &gt; 源)后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Layer '{layer}' has no feature with a geometry: the output is empty.</source>
      <translation>图层“{layer}”没有带几何的要素：输出为空。</translation>
    </message>
    <message>
      <location filename="../processing/layer_io.py" />
      <source>Layer '{layer}' has no features with a geometry.</source>
      <translation>图层“{layer}”没有带几何的要素。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Layer '{layer}' has no field '{field}' (fields: {fields}).</source>
      <translation>图层“{layer}”没有字段“{field}”(现有字段：{fields})。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}': repaired {count} invalid geometry(ies) (ids {ids}).</source>
      <translation>图层“{layer}”：已修复 {count} 个无效几何(编号 {ids})。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}': skipped {count} feature(s) without geometry (ids {ids}).</source>
      <translation>图层“{layer}”：已跳过 {count} 个无几何的要素(编号 {ids})。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Layout template '{path}' is missing or unreadable: using the built-in layout.</source>
      <translation>布局模板“{path}”缺失或无法读取：改用内置布局。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Map written: {path} ({pages} page(s)).</source>
      <translation>地图已写出：{path}(共 {pages} 页)。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests lie in {count} provinces ({provinces}): the county rule of Grade I counts each province on its own.</source>
      <translation>蚁巢分布在 {count} 个省({provinces})：一级疫情的县数规则按省分别统计。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>No Chinese font found: Chinese text may print as boxes. Install Noto Sans CJK SC (Debian: fonts-noto-cjk).</source>
      <translation>未找到中文字体：中文可能打印为方框。请安装 Noto Sans CJK SC(Debian：fonts-noto-cjk)。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>No city code field: the city of each county is derived from its 6-digit adcode (first 4 digits + 00).</source>
      <translation>未指定设区市代码字段：各县所属设区市由其 6 位行政区划代码推算(前 4 位 + 00)。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>No translation file for the sheet language {language} (i18n/rifa_zoning_{language}.qm; run 'make translations'): the sheet texts are printed in English.</source>
      <translation>没有图面语言 {language} 的翻译文件(i18n/rifa_zoning_{language}.qm；请运行 'make translations')：图面文字将以英文打印。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>Occurrence point(s) {ids} have nests in more than one quarantine zone (a barrier separates them); each point records the zone holding most of its nests.</source>
      <translation>发生点 {ids} 的蚁巢分属多个疫区(被屏障分隔)；每个发生点记录其多数蚁巢所在的疫区。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Occurrence radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>发生区半径 {value:g} 米超出 {low:g}–{high:g} 米范围(规则配置 {profile} {citation})。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Quarantine radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>疫区半径 {value:g} 米超出 {low:g}–{high:g} 米范围(规则配置 {profile} {citation})。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Raising the grade to {grade} needs a reason: say who designated it and why (e.g. 'Provincial HQ notice 2024-3, special circumstances').</source>
      <translation>将疫情等级提升为 {grade} 级须说明理由：由谁规定、为何提升(例如“省指挥部 2024-3 号通知，特殊情况”)。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is not valid JSON (line {line}, column {column}): {error}</source>
      <translation>规则配置 {path} 不是有效的 JSON(第 {line} 行，第 {column} 列)：{error}</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path}: {problem}</source>
      <translation>规则配置 {path}：{problem}</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Rule profile: {profile}. Occurrence radius {o:g} m, quarantine radius {q:g} m, threatened zone extension {t:g} m, at least {n} occurrence points per zone.</source>
      <translation>规则配置：{profile}。发生区半径 {o:g} 米，疫区半径 {q:g} 米，受威胁区外延 {t:g} 米，每个区域至少 {n} 个发生点。</translation>
    </message>
    <message>
      <location filename="../core/zones.py" />
      <source>Source {source} lies inside the barrier polygon '{barrier}': that polygon does not block it (its zone spreads inside and out of it), but it still blocks every other source.</source>
      <translation>源 {source} 位于屏障面“{barrier}”内：该屏障面对它不起阻隔作用（其区域在屏障面内外扩展），但对其他源仍起阻隔作用。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>The city code field '{field}' is empty in {where}, which holds {count} nest(s).</source>
      <translation>设区市代码字段“{field}”在{where}中为空，而该要素内有 {count} 个蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>The county code field '{field}' is empty in {where}, which holds {count} nest(s).</source>
      <translation>县级代码字段“{field}”在{where}中为空，而该要素内有 {count} 个蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>The crossing width must be 0 m or more (got {value}).</source>
      <translation>穿越宽度必须大于或等于 0 米(当前为 {value})。</translation>
    </message>
    <message>
      <location filename="../core/zones.py" />
      <source>The distance must be greater than 0 m (got {value}).</source>
      <translation>距离必须大于 0 米(当前为 {value})。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>The grade override must be II or I (got {value}).</source>
      <translation>等级调整只能为二级或一级(当前为 {value})。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The layout template has no map item with id '{id}'.</source>
      <translation>布局模板中没有 ID 为“{id}”的地图元素。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>The occurrence radius {occurrence:g} m is larger than the quarantine radius {quarantine:g} m: occurrence areas will reach beyond the quarantine zones.</source>
      <translation>发生区半径 {occurrence:g} 米大于疫区半径 {quarantine:g} 米：发生区将超出疫区范围。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The quarantine zone layer is required.</source>
      <translation>必须提供疫区图层。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Threatened zone extension {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>受威胁区外延距离 {value:g} 米超出 {low:g}–{high:g} 米范围(规则配置 {profile} {citation})。</translation>
    </message>
    <message>
      <location filename="../core/checklist.py" />
      <source>Unknown outbreak grade {grade}.</source>
      <translation>未知的疫情等级 {grade}。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Working CRS: local Transverse Mercator centred on {lon}°E {lat}°N, because {crs} does not keep distances (geographic or distorted).</source>
      <translation>工作坐标系：以东经 {lon}°、北纬 {lat}° 为中心的局部横轴墨卡托投影，因为 {crs} 不保持距离(地理坐标或变形较大)。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Working CRS: {crs} (the input's own; distance error {error:.3f} %).</source>
      <translation>工作坐标系：{crs}(输入图层自身的坐标系；距离误差 {error:.3f} %)。</translation>
    </message>
    <message>
      <location filename="../core/zones.py" />
      <source>Zone engine: {sources} source point(s), {generators} generator(s), {visibility} with barriers in reach, {skipped} skipped (already covered).</source>
      <translation>区域计算引擎：{sources} 个源点，{generators} 个生成点，其中 {visibility} 个在可达范围内有屏障，{skipped} 个已被覆盖而跳过。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>feature {fid} of '{layer}'</source>
      <translation>图层“{layer}”的要素 {fid}</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>list</source>
      <translation>列表</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>number</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>object</source>
      <translation>对象</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' is empty.</source>
      <translation>字段“{field}”为空。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' is missing.</source>
      <translation>缺少字段“{field}”。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' may hold only 3, 2 and 1.</source>
      <translation>字段“{field}”只能包含 3、2 和 1。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be 'report' or 'measure'.</source>
      <translation>字段“{field}”必须为 'report' 或 'measure'。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be '{expected}'.</source>
      <translation>字段“{field}”必须为“{expected}”。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a day from 1 to 28.</source>
      <translation>字段“{field}”必须为 1 到 28 之间的日期。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a {kind}.</source>
      <translation>字段“{field}”必须为{kind}。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be an object.</source>
      <translation>字段“{field}”必须为对象。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be at least 1.</source>
      <translation>字段“{field}”必须至少为 1。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be one of {choices}.</source>
      <translation>字段“{field}”必须为以下之一：{choices}。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must name an earlier checklist item.</source>
      <translation>字段“{field}”必须指向前面的清单项。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must not be negative.</source>
      <translation>字段“{field}”不得为负数。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' needs 0 &lt; min &lt;= default &lt;= max (got {low}, {default}, {high}).</source>
      <translation>字段“{field}”须满足 0 &lt; min &lt;= default &lt;= max(当前为 {low}、{default}、{high})。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' repeats the id '{id}'.</source>
      <translation>字段“{field}”重复了 ID“{id}”。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>whole number</source>
      <translation>整数</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>{count} checkpoint(s) found.</source>
      <translation>共找到 {count} 个检查站。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest date(s) are not dates (expected a date or ISO text like 2024-05-31) and were ignored: feature(s) {items}.</source>
      <translation>{count} 个蚁巢的日期无效(应为日期或 ISO 格式文本，如 2024-05-31)，已忽略：要素 {items}。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) have no date.</source>
      <translation>{count} 个蚁巢没有日期。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) lie in more than one village; each was given to the first village in the layer.</source>
      <translation>{count} 个蚁巢同时位于多个自然村内；每个蚁巢归入图层中排在最前的自然村。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) lie outside every village: grouped among themselves by the grouping distance {distance:g} m into {points} occurrence point(s) without village name (point ids {ids}).</source>
      <translation>{count} 个蚁巢位于所有自然村之外：按归并距离 {distance:g} 米相互归并为 {points} 个不带村名的发生点(发生点编号 {ids})。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>{count} nest(s) of '{layer}' lie outside every unit of '{admin}' and are not graded (ids {ids}).</source>
      <translation>“{layer}”中有 {count} 个蚁巢位于“{admin}”的所有行政区之外，未参与定级(编号 {ids})。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>{count} occurrence area(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}.</source>
      <translation>{count} 个发生区的发生点少于 {min_points} 个，不符合规则(仍予绘制，meets_rule = false)；区域编号(发生点数)：{items}。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>{count} quarantine zone(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}.</source>
      <translation>{count} 个疫区的发生点少于 {min_points} 个，不符合规则(仍予绘制，meets_rule = false)；区域编号(发生点数)：{items}。</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>{count} unit/zone overlap(s) from {units} unit(s) near the zones.</source>
      <translation>区域附近 {units} 个行政区中共有 {count} 处行政区与区域重叠。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{nests} nest(s) form {points} occurrence point(s).</source>
      <translation>{nests} 个蚁巢构成 {points} 个发生点。</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>{zones} zone(s), {roads} road feature(s) near them.</source>
      <translation>{zones} 个区域，其附近有 {roads} 个道路要素。</translation>
    </message>
  </context>
</TS>
