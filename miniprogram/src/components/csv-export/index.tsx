/**
 * Getting a CSV off the phone. In the browser it is saved as a file. In
 * WeChat a download cannot carry our bearer token (Taro.downloadFile sends
 * no Authorization), so the text comes through services/api.ts and is copied
 * to the clipboard, ready to paste into a chat, a note or a spreadsheet.
 */
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { FieldError } from '@/components/field-error';
import { useWrite } from '@/hooks/use-write';
import type { CsvFile } from '@/services/api';

const H5 = process.env.TARO_ENV === 'h5';

/** Saves or copies the file; says what happened, in words for a toast. */
async function saveCsv(file: CsvFile): Promise<string> {
  if (H5) {
    // The byte-order mark tells spreadsheet programs the text is UTF-8.
    const text = file.csv.startsWith('\uFEFF') ? file.csv : `\uFEFF${file.csv}`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return '已开始下载';
  }
  await Taro.setClipboardData({ data: file.csv.replace(/^\uFEFF/, '') });
  return '已复制，可粘贴到表格';
}

/** A button that fetches a CSV and saves (browser) or copies (WeChat) it, with the error under it. */
export function CsvExport({ load, outline }: { load: () => Promise<CsvFile>; outline?: boolean }) {
  const download = useWrite(async () => {
    void Taro.showToast({ title: await saveCsv(await load()), icon: 'none' });
  });
  return (
    <>
      <Button
        block
        type="primary"
        fill={outline ? 'outline' : 'solid'}
        loading={download.busy}
        onClick={() => void download.run(undefined)}
      >
        {H5 ? '导出 CSV 文件' : '复制 CSV 到剪贴板'}
      </Button>
      <FieldError message={download.error?.message} />
    </>
  );
}
