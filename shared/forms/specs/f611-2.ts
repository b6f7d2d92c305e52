import type { FormSpec } from '../types';
import { persons } from './common';

// 611-2表 从业人员: year-end headcount, women, and breakdowns by education, professional title
// and vocational skill. The breakdowns follow the 四经普/五经普 pattern; exact groups (check).

export const form611_2: FormSpec = {
  id: '611-2',
  printedNo: '611-2表',
  version: '2023.1',
  titleZh: '从业人员情况',
  titleEn: 'Persons employed',
  source: '第五次全国经济普查 611-2表 as described in docs/domain.md; groups (check)',
  sections: [
    {
      id: 'headcount',
      titleZh: '从业人员',
      titleEn: 'Headcount',
      items: [
        persons('employees', '从业人员期末人数', 'Persons employed at year end', { required: true }),
        persons('femaleEmployees', '其中：女性', 'of which women', { required: true }),
      ],
    },
    {
      id: 'education',
      titleZh: '按学历分',
      titleEn: 'By education',
      items: [
        persons('eduPostgraduate', '研究生', 'Postgraduate'),
        persons('eduBachelor', '大学本科', 'Bachelor'),
        persons('eduCollege', '大学专科', 'College (3-year)'),
        persons('eduSecondaryOrBelow', '高中及以下', 'Upper secondary or below'),
      ],
    },
    {
      id: 'titles',
      titleZh: '按专业技术职称分',
      titleEn: 'By professional title',
      items: [
        persons('titleSenior', '高级技术职称', 'Senior title'),
        persons('titleIntermediate', '中级技术职称', 'Intermediate title'),
        persons('titleJunior', '初级技术职称', 'Junior title'),
      ],
    },
    {
      id: 'skills',
      titleZh: '按职业技能等级分',
      titleEn: 'By vocational skill level',
      items: [
        persons('skillSeniorTechnician', '高级技师（一级）', 'Senior technician (level 1)'),
        persons('skillTechnician', '技师（二级）', 'Technician (level 2)'),
        persons('skillSeniorWorker', '高级工（三级）', 'Senior worker (level 3)'),
        persons('skillIntermediateWorker', '中级工（四级）', 'Intermediate worker (level 4)'),
        persons('skillJuniorWorker', '初级工（五级）', 'Junior worker (level 5)'),
      ],
    },
  ],
};
